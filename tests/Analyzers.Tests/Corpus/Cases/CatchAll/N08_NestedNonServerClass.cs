// Negative: the catch-all belongs to a nested plain class used by a background exporter, not to the GenServer's code.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N08;

[GenServer]
public partial class Metrics
{
    private readonly Dictionary<string, long> _counters = new();

    [Cast] public void Increment(string name) => _counters[name] = _counters.GetValueOrDefault(name) + 1;
    [Call] public long Read(string name) => _counters.GetValueOrDefault(name);

    public sealed class ConsoleSink
    {
        public void Write(string line)
        {
            try
            {
                Console.WriteLine(line);
            }
            catch (Exception)
            {
                // a console that went away must not stop the exporter
            }
        }
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Metrics.ChildSpec() };
}
