// Negative: filtered and materialised before replying.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N07;

public sealed record Ticket(int Id, bool Closed);

[GenServer]
public partial class HelpDesk
{
    private readonly List<Ticket> _tickets = new();

    [Cast] public void Open(int id) => _tickets.Add(new Ticket(id, false));
    [Call] public IReadOnlyList<Ticket> Pending() => _tickets.Where(t => !t.Closed).ToList();
    [Call] public IReadOnlyList<int> Ids() => _tickets.Select(t => t.Id).OrderBy(i => i).ToArray();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { HelpDesk.ChildSpec() };
}
