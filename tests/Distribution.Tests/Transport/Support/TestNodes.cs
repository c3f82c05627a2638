using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Tests.Transport.Support;

/// <summary>Distributed nodes for tests: unique names, and an EPMD port of the test's own so tests never share a registrar.</summary>
internal static class TestNodes
{
    private static int s_counter;

    public static string UniqueAlive(string prefix) =>
        $"{prefix}{Environment.ProcessId}x{Interlocked.Increment(ref s_counter)}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static ValueTask<ArborNode> StartAsync(
        string alive, int epmdPort, string cookie = "test-cookie", TimeSpan? tick = null, bool hidden = true, int listenPort = 0, bool useEpmd = true, Func<string, string, int>? peerPort = null, Microsoft.Extensions.Logging.ILoggerFactory? log = null) =>
        ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = alive,
            LoggerFactory = log,
            Cookie = cookie,
            Distribution = new DistributionOptions
            {
                EpmdPort = epmdPort,
                NetTickTime = tick ?? TimeSpan.FromSeconds(60),
                Hidden = hidden,
                ListenPort = listenPort,
                UseEpmd = useEpmd,
                PeerPort = peerPort,
            },
        });
}
