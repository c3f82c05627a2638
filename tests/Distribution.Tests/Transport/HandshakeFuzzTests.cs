using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Handshake;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Transport;

/// <summary>
/// Seeded random and mutated handshakes (reproducible: the seed is in the test). The handshake code may only refuse
/// with <see cref="HandshakeException"/>; a live node fed the same garbage keeps serving well-behaved peers.
/// </summary>
public sealed class HandshakeFuzzTests
{
    private const int Seed = 20261203;

    [Fact]
    public async Task Mutated_and_random_handshakes_are_refused_with_HandshakeException_only()
    {
        var random = new Random(Seed);
        var self = new HandshakeIdentity("me@host", 5, DistributionFlagSets.ForNode(true), "cookie");
        for (var i = 0; i < 4000; i++)
        {
            var input = NextInput(random);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var asAcceptor = Record(() => HandshakeAcceptor.RunAsync(new ScriptedStream(input), self, _ => HandshakeStatus.Ok, timeout.Token));
            var asInitiator = Record(() => HandshakeInitiator.RunAsync(new ScriptedStream(input), self, "peer@host", () => true, timeout.Token));
            foreach (var outcome in new[] { await asAcceptor, await asInitiator })
            {
                Assert.True(outcome is null or HandshakeException, $"case {i} (seed {Seed}): {outcome}");
            }
        }
    }

    [Fact]
    public async Task A_node_fed_garbage_handshakes_keeps_accepting_good_peers()
    {
        var epmd = TestNodes.FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.UniqueAlive("fz"), epmd);
        await using var good = await TestNodes.StartAsync(TestNodes.UniqueAlive("ok"), epmd);
        await Served.StartAsync(node, "alive");
        var random = new Random(Seed);
        for (var i = 0; i < 200; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", node.DistributionPort);
            var stream = client.GetStream();
            await stream.WriteAsync(NextInput(random));
            client.Client.Shutdown(SocketShutdown.Send);
            // Read until the node closes: it must refuse, not hang (its handshake timeout bounds this too).
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var sink = new byte[512];
            try
            {
                while (await stream.ReadAsync(sink, timeout.Token) > 0)
                {
                }
            }
            catch (IOException)
            {
                // Reset by the node: also a refusal.
            }
        }

        Assert.Equal(0L, await good.CallAsync("alive", node.NodeName!, Atom.Of("get")));
        Assert.Equal([good.NodeName!], node.ConnectedNodes);
    }

    private static async Task<Exception?> Record(Func<Task> run)
    {
        try
        {
            await run();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>A valid-looking handshake (name, then a challenge reply; or status and challenge), mutated; or pure noise.</summary>
    private static byte[] NextInput(Random random)
    {
        var valid = new List<byte>();
        var flags = DistributionFlagSets.ForNode(random.Next(2) == 0);
        if (random.Next(2) == 0)
        {
            Append(valid, HandshakePackets.Name(flags, (uint)random.Next(), "peer@host"));
            Append(valid, HandshakePackets.Reply((uint)random.Next(), CookieDigest.Compute("cookie", (uint)random.Next())));
        }
        else
        {
            Append(valid, HandshakePackets.Status(random.Next(3) switch { 0 => "ok", 1 => "alive", _ => "nok" }));
            Append(valid, HandshakePackets.Challenge(flags, (uint)random.Next(), 7, "peer@host"));
            Append(valid, HandshakePackets.Ack(CookieDigest.Compute("cookie", (uint)random.Next())));
        }

        var bytes = valid.ToArray();
        switch (random.Next(6))
        {
            case 0:
                var noise = new byte[random.Next(0, 64)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return bytes[..random.Next(0, bytes.Length)];
            case 2:
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 3:
                // A length field or a byte near one set to an extreme.
                bytes[random.Next(Math.Min(bytes.Length, 20))] = random.Next(2) == 0 ? (byte)0xFF : (byte)0;
                return bytes;
            case 4:
                var inserted = new List<byte>(bytes);
                inserted.InsertRange(random.Next(bytes.Length), new byte[random.Next(1, 40)]);
                return inserted.ToArray();
            default:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
        }
    }

    private static void Append(List<byte> output, byte[] packet)
    {
        output.Add((byte)(packet.Length >> 8));
        output.Add((byte)packet.Length);
        output.AddRange(packet);
    }

    /// <summary>Reads from a fixed script, then reports end of stream; discards writes.</summary>
    private sealed class ScriptedStream(byte[] script) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, script.Length - _position);
            Array.Copy(script, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
