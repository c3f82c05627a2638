using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>One Arbor node and one real <c>erl</c> node (running <c>arbor_peer</c>) shared by a test class, on an EPMD port of their own.</summary>
public sealed class ErlangFixture : IAsyncLifetime
{
    public const string Cookie = "arbor-interop";

    public int EpmdPort { get; } = TestNodes.FreePort();

    public ArborNode Node { get; private set; } = null!;

    internal ErlangPeer Erl { get; private set; } = null!;

    public string ErlName => Erl.Name;

    public async Task InitializeAsync()
    {
        // The Arbor node first: its embedded registrar is the EPMD the erl node registers with.
        Node = await TestNodes.StartAsync(
            TestNodes.UniqueAlive("arbor"), EpmdPort, Cookie, tick: TimeSpan.FromSeconds(60), log: new ListLogger { Echo = Environment.GetEnvironmentVariable("ARBOR_TEST_LOG") == "1" });
        Erl = await ErlangPeer.StartAsync(TestNodes.UniqueAlive("erl"), Cookie, EpmdPort);
    }

    public async Task DisposeAsync()
    {
        if (Erl is not null)
        {
            await Erl.DisposeAsync();
        }

        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }

    /// <summary>Calls the Erlang test server (<c>peer</c>).</summary>
    public Task<object?> PeerAsync(object request) => Node.CallAsync("peer", ErlName, request, TimeSpan.FromSeconds(20));
}
