// Positive: an async handler replying a deferred OrderBy over the field.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.StateReturn.P11;

public sealed record Entry(string Key, long At);

[GenServer]
public partial class AuditTrail
{
    private readonly List<Entry> _entries = new();

    [Cast] public void Add(Entry entry) => _entries.Add(entry);

    [Call]
    public async ValueTask<IEnumerable<Entry>> Latest()
    {
        await Task.Yield();
        return _entries.OrderByDescending(e => e.At); //~ ARB1003
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { AuditTrail.ChildSpec() };
}
