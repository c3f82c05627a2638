using System.Collections.Concurrent;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>
/// What depends on one connection, so its loss can be reported as Erlang reports it: links get a <c>noconnection</c>
/// exit signal, monitors a <c>Down</c> with <c>noconnection</c>, calls and remote starts in flight fail, and monitors held by the peer's
/// processes on local ones are dropped.
/// </summary>
internal sealed class PeerSignals
{
    /// <summary>Links between a local process and a process on the peer.</summary>
    public ConcurrentDictionary<(Process Local, Pid Remote), byte> Links { get; } = new();

    /// <summary>Local processes' monitors on processes of the peer, by <see cref="MonitorRef.Id"/>.</summary>
    public ConcurrentDictionary<long, MonitorRef> Monitors { get; } = new();

    /// <summary>Calls waiting for a reply from the peer, by their reference's key.</summary>
    public ConcurrentDictionary<long, PendingRemoteCall> Calls { get; } = new();

    /// <summary>Spawn requests sent to the peer and waiting for their reply, by their reference's key.</summary>
    public ConcurrentDictionary<long, PendingSpawn> Spawns { get; } = new();

    /// <summary>Monitors the peer's processes hold on local processes, by the peer's reference.</summary>
    public ConcurrentDictionary<ErlangReference, (Process Local, RemoteWatcher Watcher)> Watchers { get; } = new();
}
