using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Epmd;
using Arbor.Distribution.Handshake;
using Arbor.Distribution.Nodes;
using Arbor.Distribution.Terms;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution;

/// <summary>
/// The distribution side of one <see cref="ArborNode"/>: its name and cookie, the listening socket, the EPMD
/// registration, and the connections to peers. This file holds identity and lifecycle; connecting, outgoing and
/// incoming control messages, calls and node monitors live in the other parts.
/// </summary>
internal sealed partial class NodeDistribution : IConnectionOwner, IAsyncDisposable
{
    private readonly object _gate = new();
    // Changed only under _gate (connect, replace, close are compound steps); read without it on the send path.
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly LocalPidTable _exported = new();
    private readonly Socket _listener;
    private readonly string _cookie;
    private EpmdRegistration? _registration;
    private EpmdRegistrar? _registrar;
    private Task? _acceptLoop;
    private int _disposed;

    private NodeDistribution(ArborNode node, NodeName name, string cookie, DistributionOptions options, Socket listener)
    {
        Node = node;
        Name = name;
        SelfAtom = Atom.Of(name.Full);
        _cookie = cookie;
        Options = options;
        _listener = listener;
        Logger = node.LoggerFactory.CreateLogger("Arbor.Distribution");
        Atoms = new AtomTable(AtomTable.DefaultCapacity);
        Limits = new TermReaderLimits { MaxTermBytes = options.MaxFrameSize };
    }

    public ArborNode Node { get; }

    public NodeName Name { get; }

    public Atom SelfAtom { get; }

    /// <summary>This incarnation of the name (from EPMD, or random without it).</summary>
    public uint Creation { get; private set; }

    public DistributionOptions Options { get; }

    public ILogger Logger { get; }

    public int ListenPort => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Atoms received from peers: bounded, so distinct atoms cannot grow memory without limit.</summary>
    public AtomTable Atoms { get; }

    public TermReaderLimits Limits { get; }

    private HandshakeIdentity Identity => new(Name.Full, Creation, DistributionFlagSets.ForNode(Options.Hidden), _cookie);

    /// <summary>Starts listening, registers with EPMD (starting the embedded registrar when none runs) and accepts peers.</summary>
    public static async Task<NodeDistribution> StartAsync(ArborNode node, string name, string? cookie, DistributionOptions options)
    {
        options.Validate();
        var nodeName = NodeName.Parse(name, options.LongNames);
        var secret = cookie ?? CookieFile.ReadOrCreate(CookieFile.DefaultPath);
        if (secret.Length == 0)
        {
            throw new ArgumentException("The cookie cannot be empty.", nameof(cookie));
        }

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Any, options.ListenPort));
            listener.Listen(128);
        }
        catch (SocketException exception)
        {
            listener.Dispose();
            throw new InvalidOperationException($"Node {nodeName}: cannot listen on port {options.ListenPort}: {exception.Message}", exception);
        }

        var distribution = new NodeDistribution(node, nodeName, secret, options, listener);
        try
        {
            await distribution.RegisterAsync().ConfigureAwait(false);
        }
        catch
        {
            await distribution.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        distribution._acceptLoop = distribution.AcceptLoopAsync();
        distribution.Logger.LogInformation("Node {Node} listening on port {Port} (creation {Creation})", nodeName, distribution.ListenPort, distribution.Creation);
        return distribution;
    }

    private async Task RegisterAsync()
    {
        if (!Options.UseEpmd)
        {
            Creation = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
            return;
        }

        using var timeout = new CancellationTokenSource(Options.ConnectTimeout);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _registration = await EpmdClient.RegisterAsync(Options.EpmdPort, Name.Alive, ListenPort, timeout.Token).ConfigureAwait(false);
                Creation = _registration.Creation;
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused && Options.StartEmbeddedEpmd && attempt < 3)
            {
                // No EPMD: start one here. Another node may win the race for the port; then register with it.
                _registrar ??= EpmdRegistrar.TryStart(Options.EpmdPort, Logger);
                if (_registrar is not null)
                {
                    Logger.LogInformation("Started the embedded EPMD registrar on port {Port}", Options.EpmdPort);
                }
            }
        }
    }

    /// <summary>The peers with a connection up (OTP <c>nodes(connected)</c>).</summary>
    public IReadOnlyList<string> ConnectedNodes()
    {
        var names = new List<string>();
        lock (_gate)
        {
            foreach (var (name, connection) in _connections)
            {
                if (connection.State == ConnectionState.Up)
                {
                    names.Add(name);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public IReadOnlyList<PeerInfo> Peers()
    {
        var peers = new List<PeerInfo>();
        lock (_gate)
        {
            foreach (var connection in _connections.Values)
            {
                peers.Add(new PeerInfo(connection.PeerName, connection.State, connection.Handshake?.PeerHidden ?? false, connection.Outgoing, connection.Metrics));
            }
        }

        return peers;
    }

    /// <summary>Closes a connection (for tests and operators: OTP <c>erlang:disconnect_node/1</c>); false if there was none.</summary>
    public bool Disconnect(string node)
    {
        Connection? connection;
        lock (_gate)
        {
            _connections.TryGetValue(node, out connection);
        }

        connection?.Close("disconnected by this node");
        return connection is not null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        List<Connection> open;
        lock (_gate)
        {
            open = new List<Connection>(_connections.Values);
        }

        foreach (var connection in open)
        {
            connection.Close("node stopped");
        }

        _registration?.Dispose();
        if (_registrar is not null)
        {
            await _registrar.DisposeAsync().ConfigureAwait(false);
        }
    }

    private bool IsStopping => Volatile.Read(ref _disposed) != 0;
}
