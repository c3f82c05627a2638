// Positive: a deferred Where over the field runs later, on the caller's thread, over state the server changes.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.P05;

public sealed record Ticket(int Id, bool Closed);

[GenServer]
public partial class HelpDesk
{
    private readonly List<Ticket> _tickets = new();

    [Cast] public void Open(int id) => _tickets.Add(new Ticket(id, false));
    [Cast] public void Close(int id) => _tickets.RemoveAll(t => t.Id == id);

    [Call] public IEnumerable<Ticket> Pending() => _tickets.Where(t => !t.Closed); //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { HelpDesk.ChildSpec() };
}
