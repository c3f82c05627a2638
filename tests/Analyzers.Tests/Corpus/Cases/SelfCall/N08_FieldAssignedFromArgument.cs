// Negative: a field of the own client type, filled from a message (the leader elected elsewhere).
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.N08;

[GenServer]
public partial class Member
{
    private MemberRef? _leader;
    private int _term;

    [Cast] public void Follow(MemberRef leader) => _leader = leader;
    [Call] public int Term() => _term;

    [Call]
    public async ValueTask<int> LeaderTerm() => _leader is { } leader ? await leader.TermAsync() : _term;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Member.ChildSpec(id: "m1"), Member.ChildSpec(id: "m2") };
}
