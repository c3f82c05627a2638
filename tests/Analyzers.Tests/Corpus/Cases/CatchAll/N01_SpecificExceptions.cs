// Negative: catches only the exceptions parsing can throw, and handles them.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.N01;

[GenServer]
public partial class Settings
{
    private readonly Dictionary<string, int> _values = new();

    [Call]
    public bool Set(string key, string raw)
    {
        try
        {
            _values[key] = int.Parse(raw);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [Call] public int Get(string key) => _values.GetValueOrDefault(key);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Settings.ChildSpec() };
}
