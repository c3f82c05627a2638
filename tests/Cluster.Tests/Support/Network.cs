using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Arbor.Cluster.Tests.Support;

/// <summary>
/// A loopback network between test nodes that can be partitioned. Every node listens on its own port without EPMD, and
/// reaches each peer through a proxy of its own for that direction. Cutting a link closes its open connections (both
/// nodes see the loss at once) and refuses new ones until it heals — a partition, with no sleeps or tick waits.
/// </summary>
internal sealed class Network : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string From, string To), LinkProxy> _links = new();
    private readonly ConcurrentDictionary<(string, string), bool> _cut = new();

    /// <summary>Reserves a listen port for <paramref name="node"/> (its full name).</summary>
    public int Add(string node) => _ports.GetOrAdd(node, _ => FreePort());

    /// <summary>The port <paramref name="from"/> dials to reach <paramref name="to"/>: its proxy for that direction.</summary>
    public int PortFor(string from, string to)
    {
        if (!_ports.TryGetValue(to, out var target))
        {
            return 1; // unknown node: nothing listens there, the dial fails
        }

        return _links.GetOrAdd((from, to), key => new LinkProxy(target, () => IsCut(key.From, key.To))).Port;
    }

    /// <summary>Cuts every link between the two sides (both directions).</summary>
    public void Partition(IEnumerable<string> sideA, IEnumerable<string> sideB)
    {
        var b = new List<string>(sideB);
        foreach (var x in sideA)
        {
            foreach (var y in b)
            {
                _cut[Key(x, y)] = true;
                Close(x, y);
                Close(y, x);
            }
        }
    }

    /// <summary>True while the link between <paramref name="x"/> and <paramref name="y"/> is not cut.</summary>
    public bool IsLinked(string x, string y) => !IsCut(x, y);

    /// <summary>Heals the link between <paramref name="x"/> and <paramref name="y"/> only.</summary>
    public void Heal(string x, string y) => _cut.TryRemove(Key(x, y), out _);

    /// <summary>Heals every cut link.</summary>
    public void HealAll() => _cut.Clear();

    private bool IsCut(string from, string to) => _cut.ContainsKey(Key(from, to));

    private void Close(string from, string to)
    {
        if (_links.TryGetValue((from, to), out var link))
        {
            link.CloseAll();
        }
    }

    private static (string, string) Key(string x, string y) => string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links.Values)
        {
            await link.DisposeAsync();
        }
    }

    /// <summary>One direction's proxy: pumps bytes both ways, refuses connections while cut.</summary>
    private sealed class LinkProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Any, 0);
        private readonly int _target;
        private readonly Func<bool> _isCut;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<Socket, byte> _open = new();
        private readonly Task _accepting;

        public LinkProxy(int target, Func<bool> isCut)
        {
            _target = target;
            _isCut = isCut;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void CloseAll()
        {
            foreach (var socket in _open.Keys)
            {
                Shut(socket);
            }
        }

        private static void Shut(Socket socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // already gone
            }

            socket.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                if (_isCut())
                {
                    Shut(client);
                    continue;
                }

                var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException)
                {
                    Shut(client);
                    server.Dispose();
                    continue;
                }

                client.NoDelay = true;
                _open[client] = 0;
                _open[server] = 0;
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }

        private async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // one side went away
            }

            _open.TryRemove(from, out _);
            _open.TryRemove(to, out _);
            Shut(from);
            Shut(to);
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting;
            CloseAll();
            _stop.Dispose();
        }
    }
}
