using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Connections;

namespace Arbor;

/// <summary>The distributed half of a node: names, connections and messages to processes on other nodes.</summary>
public sealed partial class ArborNode
{
    /// <summary>The distribution layer; null when the node was started without a name.</summary>
    internal NodeDistribution? Distribution { get; private set; }

    /// <summary>This node's full name (<c>alive@host</c>), or null when it is not distributed.</summary>
    public string? NodeName => Distribution?.Name.Full;

    /// <summary>True when the node was started with a name.</summary>
    public bool IsDistributed => Distribution is not null;

    /// <summary>The port this node accepts connections on (distributed nodes only).</summary>
    public int DistributionPort => Dist.ListenPort;

    /// <summary>The nodes with a connection up (OTP <c>nodes(connected)</c>), sorted by name.</summary>
    public IReadOnlyList<string> ConnectedNodes => Distribution?.ConnectedNodes() ?? Array.Empty<string>();

    /// <summary>Every connection with its state and traffic counters.</summary>
    public IReadOnlyList<PeerInfo> Peers => Distribution?.Peers() ?? Array.Empty<PeerInfo>();

    /// <summary>Connects to <paramref name="node"/> (OTP <c>net_kernel:connect_node/1</c>). Sends connect on their own; this is for failing early.</summary>
    /// <exception cref="System.IO.IOException">The node cannot be reached, refused the connection, or the cookies differ.</exception>
    public Task ConnectAsync(string node) => Dist.ConnectAsync(node);

    /// <summary>Closes the connection to <paramref name="node"/> (OTP <c>erlang:disconnect_node/1</c>): its links and monitors see <c>noconnection</c>.</summary>
    public bool Disconnect(string node) => Dist.Disconnect(node);

    /// <summary>
    /// The address of the process registered as <paramref name="name"/> on <paramref name="node"/> (OTP
    /// <c>{Name, Node}</c>), as a <see cref="Pid"/> whose <see cref="Pid.RegisteredName"/> is set. Nothing is looked up
    /// now: each send, call, cast or monitor names it on the wire, so it reaches whichever process holds the name then
    /// (a call fails with <see cref="NoProcessException"/> when none does). It cannot be linked, sent an exit signal or
    /// put inside a message. For this node's own name it is the local <see cref="Whereis(string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name or node name is empty or invalid.</exception>
    /// <exception cref="InvalidOperationException">This node is not distributed.</exception>
    public Pid Whereis(string name, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Dist.AddressOf(name, node);
    }

    /// <summary>
    /// A typed client for the server registered as <paramref name="name"/> on <paramref name="node"/> (see
    /// <see cref="Whereis(string, string)"/>): <c>node.Whereis&lt;CounterRef&gt;("counter", "billing@host2")</c>. Its
    /// server must be declared <c>[GenServer(Remote = true)]</c>, or its protocol as a <c>[GenServerProtocol]</c>
    /// interface; calls fail with the same exceptions as local ones.
    /// </summary>
    public TRef Whereis<TRef>(string name, string node)
        where TRef : struct, IProcessRef<TRef> => TRef.FromPid(Whereis(name, node));

    /// <summary>Sends <paramref name="message"/> to the process registered as <paramref name="name"/> on <paramref name="node"/> (OTP <c>{Name, Node} ! Msg</c>).</summary>
    /// <exception cref="ArgumentException">The message has no Erlang term form.</exception>
    public void Send(string name, string node, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Dist.SendNamed(Process.Current?.Pid ?? Pid.None, name, node, message);
    }

    /// <summary>
    /// Calls a gen_server on another node with a dynamic term (<c>gen_server:call/3</c>): the request travels as
    /// <c>{'$gen_call', {From, [alias | Ref]}, Request}</c> and the reply term comes back. Fails like a local call:
    /// <see cref="CallTimeoutException"/>, <see cref="NoProcessException"/>, <see cref="ProcessExitedException"/>
    /// (with <see cref="ExitReason.NoConnection"/> when the connection is lost).
    /// </summary>
    public Task<object?> CallAsync(Pid target, object request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!target.IsRemote)
        {
            throw new ArgumentException("CallAsync with a dynamic term is for remote pids; call local servers through their generated client.", nameof(target));
        }

        return Dist.CallAsync(target, request, CheckTimeout(timeout));
    }

    /// <summary>Calls the gen_server registered as <paramref name="name"/> on <paramref name="node"/> (<c>gen_server:call({Name, Node}, Request)</c>).</summary>
    public Task<object?> CallAsync(string name, string node, object request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Dist.CallAsync(name, node, request, CheckTimeout(timeout));
    }

    /// <summary>Casts to a gen_server on another node (<c>{'$gen_cast', Request}</c>); never fails for the sender.</summary>
    public void Cast(Pid target, object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Dist.Cast(Process.Current?.Pid ?? Pid.None, target, request);
    }

    /// <summary>Casts to the gen_server registered as <paramref name="name"/> on <paramref name="node"/>.</summary>
    public void Cast(string name, string node, object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Dist.Cast(Process.Current?.Pid ?? Pid.None, name, node, request);
    }

    /// <summary>
    /// OTP <c>monitor_node(Node, true)</c>: <paramref name="watcher"/> receives one <see cref="NodeDown"/> when the
    /// connection to <paramref name="node"/> is lost, or at once if it cannot be made.
    /// </summary>
    public void MonitorNode(Pid watcher, string node) => Dist.MonitorNode(LocalProcess(watcher), node);

    /// <summary>OTP <c>net_kernel:monitor_nodes(true)</c>: <paramref name="watcher"/> receives <see cref="NodeUp"/>/<see cref="NodeDown"/> for every peer.</summary>
    public void MonitorNodes(Pid watcher) => Dist.MonitorNodes(LocalProcess(watcher));

    private NodeDistribution Dist => Distribution
        ?? throw new InvalidOperationException("This node is not distributed: start it with ArborNodeOptions.Name set.");

    private static Process LocalProcess(Pid pid) =>
        pid.Process ?? throw new ArgumentException("The watcher must be a local process.", nameof(pid));

    private static TimeSpan CheckTimeout(TimeSpan? timeout)
    {
        var wait = timeout ?? GenServer.DefaultCallTimeout;
        return wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(nameof(timeout), wait, "A call timeout must be positive, or Timeout.InfiniteTimeSpan.")
            : wait;
    }
}
