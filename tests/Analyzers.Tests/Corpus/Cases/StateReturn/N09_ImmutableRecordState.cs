// Negative: the state is an immutable record replaced on every change; replying with it is safe.
using System.Collections.Immutable;
using Arbor;

namespace Corpus.StateReturn.N09;

public sealed record Stats(int Requests, int Errors, ImmutableArray<string> LastErrors);

[GenServer]
public partial class Health
{
    private Stats _stats = new(0, 0, ImmutableArray<string>.Empty);

    [Cast] public void Ok() => _stats = _stats with { Requests = _stats.Requests + 1 };
    [Cast] public void Failed(string why) => _stats = _stats with { Errors = _stats.Errors + 1, LastErrors = _stats.LastErrors.Add(why) };
    [Call] public Stats Current() => _stats;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Health.ChildSpec() };
}
