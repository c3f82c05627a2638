using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// Seeded mutations of valid control frames fed to a live node's frame handler: it answers every one with "handled"
/// or a reason to close the connection, never an exception, and the node keeps working.
/// </summary>
public sealed class FrameFuzzTests
{
    private const int Seed = 1203;

    [Fact]
    public async Task Mutated_control_frames_never_throw_into_the_node()
    {
        var epmd = TestNodes.FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.UniqueAlive("ff"), epmd);
        await using var peer = await TestNodes.StartAsync(TestNodes.UniqueAlive("fp"), epmd);
        var server = await Served.StartAsync(node, "target");
        var distribution = node.Distribution!;
        IConnectionOwner owner = distribution;
        var connection = new Connection(distribution, peer.NodeName!);
        var random = new Random(Seed);
        var frames = ValidFrames(distribution, peer.NodeName!, server.Pid);
        var rejected = 0;
        for (var i = 0; i < 20000; i++)
        {
            var frame = Mutate(frames[random.Next(frames.Length)], random);
            if (frame.Length == 0)
            {
                continue;
            }

            var error = owner.OnFrame(connection, frame);
            rejected += error is null ? 0 : 1;
        }

        Assert.True(rejected > 0);

        // The node still serves a real peer (the fuzzed target may have been stopped by an exit signal in the mix).
        await Served.StartAsync(node, "after");
        Assert.Equal(0L, await peer.CallAsync("after", node.NodeName!, Atom.Of("get")));
    }

    private static byte[][] ValidFrames(NodeDistribution distribution, string peerName, Pid target)
    {
        var peer = Atom.Of(peerName);
        var remote = new ErlangPid(peer, 42, 0, 1);
        var local = distribution.ToWire(target);
        var reference = new ErlangReference(peer, 1, [1, 2, 3]);
        return
        [
            Frame(new ErlangTuple(2L, Atom.Of(""), local), new ErlangTuple(Atom.Of("hello"), 1L, "x"u8.ToArray())),
            Frame(new ErlangTuple(22L, remote, local), new ErlangTuple(Atom.Of("$gen_cast"), Atom.Of("reset"))),
            Frame(new ErlangTuple(6L, remote, Atom.Of(""), Atom.Of("target")), new ErlangTuple(Atom.Of("$gen_call"), new ErlangTuple(remote, reference), Atom.Of("get"))),
            Frame(new ErlangTuple(1L, remote, local), null),
            Frame(new ErlangTuple(35L, 7L, remote, local), null),
            Frame(new ErlangTuple(3L, remote, local, Atom.Of("normal")), null),
            Frame(new ErlangTuple(19L, remote, Atom.Of("target"), reference), null),
            Frame(new ErlangTuple(20L, remote, local, reference), null),
            Frame(new ErlangTuple(21L, remote, local, reference, Atom.Of("noproc")), null),
            Frame(new ErlangTuple(33L, remote, reference), new ErlangTuple(reference, 1L)),
        ];
    }

    private static byte[] Frame(object control, object? payload) => ControlFrames.Frame(control, payload);

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = (byte[])frame.Clone();
        switch (random.Next(5))
        {
            case 0:
                return bytes[..random.Next(bytes.Length + 1)];
            case 1:
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 2:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 3:
                var noise = new byte[random.Next(1, 48)];
                random.NextBytes(noise);
                noise[0] = 112;
                return noise;
            default:
                return bytes; // valid frames in between keep state realistic
        }
    }
}
