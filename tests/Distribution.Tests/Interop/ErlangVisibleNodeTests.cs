using System.Linq;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// Visible mode against a real Erlang node: a visible Arbor node is listed in <c>nodes()</c> there and answers
/// <c>global</c>'s synchronisation, so <c>global:sync()</c> returns, whichever side connected; a hidden one (the
/// default) is in <c>nodes(hidden)</c> only.
/// </summary>
public sealed class ErlangVisibleNodeTests : IClassFixture<ErlangFixture>
{
    private readonly ErlangFixture _f;

    public ErlangVisibleNodeTests(ErlangFixture fixture) => _f = fixture;

    [ErlangFact]
    public async Task A_visible_Arbor_node_that_connects_is_in_nodes_and_global_sync_returns()
    {
        await using var visible = await TestNodes.StartAsync(TestNodes.UniqueAlive("visible"), _f.EpmdPort, ErlangFixture.Cookie, hidden: false);
        await visible.ConnectAsync(_f.ErlName);

        var (nodes, _) = await NodesAsync();
        Assert.Contains(Atom.Of(visible.NodeName!), nodes);
        Assert.Equal(Atom.Of("ok"), await _f.PeerAsync(Atom.Of("global_sync")));
        Assert.False(visible.Peers.Single(p => p.Node == _f.ErlName).Hidden);
    }

    [ErlangFact]
    public async Task A_visible_Arbor_node_the_Erlang_node_connects_to_is_synchronised_too()
    {
        await using var visible = await TestNodes.StartAsync(TestNodes.UniqueAlive("dialed"), _f.EpmdPort, ErlangFixture.Cookie, hidden: false);

        Assert.Equal(Atom.Of("pong"), await _f.PeerAsync(new ErlangTuple(Atom.Of("net_ping"), Atom.Of(visible.NodeName!))));

        Assert.Contains(Atom.Of(visible.NodeName!), (await NodesAsync()).Visible);
        Assert.Equal(Atom.Of("ok"), await _f.PeerAsync(Atom.Of("global_sync")));
    }

    [ErlangFact]
    public async Task A_hidden_Arbor_node_is_listed_only_as_hidden()
    {
        await _f.Node.ConnectAsync(_f.ErlName);
        var (visible, hidden) = await NodesAsync();
        Assert.DoesNotContain(Atom.Of(_f.Node.NodeName!), visible);
        Assert.Contains(Atom.Of(_f.Node.NodeName!), hidden);
    }

    private async Task<(IReadOnlyList<object> Visible, IReadOnlyList<object> Hidden)> NodesAsync()
    {
        var reply = (ErlangTuple)(await _f.PeerAsync(Atom.Of("nodes")))!;
        return (((ErlangList)reply[0]).Elements, ((ErlangList)reply[1]).Elements);
    }
}
