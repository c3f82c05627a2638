// Positive: AsReadOnly is a live view: the caller reads it while the server keeps adding.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P02;

public sealed record Event(string Name, long At);

[GenServer]
public partial class EventLog
{
    private readonly List<Event> _events = new();

    [Cast] public void Record(Event e) => _events.Add(e);
    [Call] public IReadOnlyList<Event> Recent() => _events.AsReadOnly(); //~ ARB1003
    [Call] public int Count() => _events.Count;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { EventLog.ChildSpec() };
}
