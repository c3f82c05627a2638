using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// Message frames (SEND, SEND_SENDER, REG_SEND, ALIAS_SEND) take the node's field-by-field path; these check that it
/// delivers what the general path would, and that irregular shapes still get the general path's answers.
/// </summary>
public sealed class MessageFrameTests
{
    [Fact]
    public async Task Message_frames_deliver_and_irregular_ones_are_answered_like_any_control_message()
    {
        var epmd = TestNodes.FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.UniqueAlive("mf"), epmd);
        await using var peer = await TestNodes.StartAsync(TestNodes.UniqueAlive("mp"), epmd);
        var server = await Served.StartAsync(node, "target");
        var distribution = node.Distribution!;
        IConnectionOwner owner = distribution;
        var connection = new Connection(distribution, peer.NodeName!);
        var remote = new ErlangPid(Atom.Of(peer.NodeName!), 42, 0, 1);
        var local = distribution.ToWire(server.Pid);
        var hello = new ErlangTuple(Atom.Of("hello"), 1L);

        // SEND_SENDER and REG_SEND reach the process, with the payload decoded as a term.
        Assert.Null(owner.OnFrame(connection, Frame(new ErlangTuple(22L, remote, local), hello)));
        Assert.Equal(hello, await server.NextAsync<ErlangTuple>());
        Assert.Null(owner.OnFrame(connection, Frame(new ErlangTuple(6L, remote, Atom.Of(""), Atom.Of("target")), new ErlangTuple(Atom.Of("$gen_cast"), 7L))));
        Assert.Equal(7L, (await server.NextAsync<RemoteCast>()).Request);

        // A message without a payload is ignored, as an unknown control message is.
        Assert.Null(owner.OnFrame(connection, Frame(new ErlangTuple(22L, remote, local), null)));

        // Bytes after the payload, a destination that is not a pid, and a truncated pid close the connection.
        var trailing = Frame(new ErlangTuple(22L, remote, local), hello);
        Assert.Contains("after the payload", owner.OnFrame(connection, [.. trailing, 97]));
        Assert.NotNull(owner.OnFrame(connection, Frame(new ErlangTuple(22L, remote, Atom.Of("target")), hello)));
        Assert.NotNull(owner.OnFrame(connection, trailing[..12]));

        // The node still serves a real peer afterwards.
        Assert.Equal(0L, await peer.CallAsync("target", node.NodeName!, Atom.Of("get")));
    }

    private static byte[] Frame(object control, object? payload) => ControlFrames.Frame(control, payload);
}
