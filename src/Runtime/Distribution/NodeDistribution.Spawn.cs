using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.RemoteStart;
using Arbor.Distribution.Terms;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution;

/// <summary>
/// Remote starts over OTP's SPAWN_REQUEST / SPAWN_REPLY. Arbor cannot run Erlang code, so a request does not name a
/// function to run: it names a server this node made startable (<c>{Name, start, Arity}</c>), and only those names
/// start anything. Anything else gets an error reply (<c>badarg</c>, <c>badopt</c>) and nothing is created. A started
/// server is linked to (or monitored by) the requesting process as the request asked, before the reply can be followed
/// by any exit signal, so the requester never misses the end of what it started.
/// </summary>
internal sealed partial class NodeDistribution
{
    private readonly ConcurrentDictionary<string, Func<RemoteStartRequest, GenServer>> _startable = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="name"/> startable by other nodes; false if the name is already startable.</summary>
    public bool AllowRemoteStart(string name, Func<RemoteStartRequest, GenServer> factory) => _startable.TryAdd(name, factory);

    /// <summary>Stops accepting remote starts of <paramref name="name"/> (running servers are not affected).</summary>
    public bool ForbidRemoteStart(string name) => _startable.TryRemove(name, out _);

    /// <summary>
    /// Asks <paramref name="node"/> to start the server it made startable as <paramref name="name"/>. With
    /// <paramref name="parent"/> set, the new process is linked to it. Never throws for the peer's answer: failures are
    /// <see cref="StartStatus.Failed"/> with the reason (<c>badarg</c>, <c>init_failed</c>, <c>noconnection</c>, <c>timeout</c>...).
    /// </summary>
    public Task<StartResult> StartRemoteAsync(Process? parent, string node, string name, IReadOnlyList<object?> arguments, TimeSpan timeout)
    {
        var wireArguments = new object[arguments.Count];
        for (var i = 0; i < wireArguments.Length; i++)
        {
            // Mapped first: an argument that cannot travel fails here, before anything is registered or sent.
            wireArguments[i] = PidMapping.ToWire(arguments[i], this);
        }

        var connection = GetOrConnect(Nodes.NodeName.Parse(node).Full);
        var key = Interlocked.Increment(ref s_lastCallKey);
        var spawn = new PendingSpawn(key, connection, parent, link: parent is not null, $"'{name}' on {connection.PeerName}");
        if (connection.State == ConnectionState.Closed)
        {
            return Task.FromResult(StartResult.Failed(ExitReason.NoConnection));
        }

        connection.Signals.Spawns[key] = spawn;
        var from = ToWire(parent?.Pid ?? NodePid);
        var options = parent is null ? ErlangList.Empty : new ErlangList([SpawnAtoms.Link]);
        var control = new ErlangTuple(
            ControlTag.SpawnRequest, ReferenceFor(key), from, from, new ErlangTuple(Atom.Of(name), SpawnAtoms.Start, (long)wireArguments.Length), options);
        Enqueue(connection, control, new ErlangList(wireArguments));
        if (connection.State == ConnectionState.Closed)
        {
            // Lost between the check and the registration: the loss report may have run before the entry existed.
            spawn.TryFinish(StartResult.Failed(ExitReason.NoConnection));
        }
        else if (timeout != Timeout.InfiniteTimeSpan)
        {
            spawn.DueMs = Node.Clock.DueAfter(timeout);
            Node.Timers.Schedule(spawn);
        }

        return spawn.Task;
    }

    /// <summary>A SPAWN_REPLY: completes the waiting start, linking the new process to its parent first.</summary>
    private void OnSpawnReply(Connection connection, ErlangTuple reply)
    {
        if (reply[1] is not ErlangReference id || reply[2] is not ErlangPid to || reply[3] is not long flags)
        {
            throw new ArgumentException("a spawn reply is {31, ReqId, To, Flags, Result}");
        }

        var error = reply[4] as Atom?;
        var child = reply[4] switch
        {
            ErlangPid pid when pid.Node.Name == connection.PeerName => FromWire(pid),
            ErlangPid => throw new ArgumentException("a spawn reply's pid must be a process of the replying node"),
            Atom => Pid.None,
            _ => throw new ArgumentException("a spawn reply's result is a pid or an atom"),
        };

        var linked = (flags & SpawnReplyFlags.Link) != 0 && error is null;
        if (!connection.Signals.Spawns.TryGetValue(KeyOf(id), out var spawn))
        {
            // Nobody waits any more (timed out): a process started for us with a link must not live on unsupervised.
            if (linked)
            {
                Enqueue(connection, new ErlangTuple(ControlTag.Exit, to, ToWire(child), SpawnAtoms.Abandoned), null);
            }

            return;
        }

        if (error is { } refused)
        {
            spawn.TryFinish(ResultOf(refused, spawn));
            return;
        }

        if (linked)
        {
            if (spawn.Parent is not { } parent || !parent.AddRemoteLink(child))
            {
                // The parent exited while waiting: its half of the link never existed, so the child is told now.
                Enqueue(connection, new ErlangTuple(ControlTag.Exit, to, ToWire(child), ControlAtoms.NoProc), null);
                spawn.TryFinish(StartResult.Failed(ExitReason.NoProc));
                return;
            }

            connection.Signals.Links[(parent, child)] = 0;
        }

        if (!spawn.TryFinish(StartResult.Started(child)) && linked)
        {
            // The timeout won the race after all: undo the link and let the child go, as for a late reply.
            spawn.Parent!.RemoveRemoteLink(child);
            connection.Signals.Links.TryRemove((spawn.Parent, child), out _);
            Enqueue(connection, new ErlangTuple(ControlTag.Exit, to, ToWire(child), SpawnAtoms.Abandoned), null);
        }
    }

    /// <summary>What an error reply means for the requester.</summary>
    private StartResult ResultOf(Atom error, PendingSpawn spawn)
    {
        Logger.LogDebug("Remote start of {What} refused: {Error}", spawn.Description, error);
        return error == SpawnAtoms.Ignore ? StartResult.Ignored() : StartResult.Failed(ExitReasonTerms.FromTerm(error));
    }

    /// <summary>
    /// A SPAWN_REQUEST: starts the named server if this node made it startable, then replies. The start runs off the
    /// connection's receive loop (init may take time); the reply is sent when init has decided.
    /// </summary>
    private void OnSpawnRequest(Connection connection, ErlangTuple control, object? payload, bool traced)
    {
        var request = SpawnRequest.Parse(control, payload, traced);
        if (request.From.Node.Name != connection.PeerName)
        {
            throw new ArgumentException("a spawn request's parent must be a process of the requesting node");
        }

        var name = request.Module.Name;
        if (request.BadOption is { } option)
        {
            Logger.LogWarning("Remote start of '{Name}' from {Peer} refused: option {Option} is not supported", name, connection.PeerName, option);
            ReplyToSpawn(connection, request, 0, SpawnAtoms.BadOpt);
            return;
        }

        if (request.Function != SpawnAtoms.Start || request.Arity != request.Arguments.Count || !_startable.TryGetValue(name, out var factory))
        {
            Logger.LogWarning(
                "Remote start of {Module}:{Function}/{Arity} from {Peer} refused: not startable on this node (see ArborNode.AllowRemoteStart)",
                request.Module, request.Function, request.Arity, connection.PeerName);
            ReplyToSpawn(connection, request, 0, SpawnAtoms.BadArg);
            return;
        }

        var arguments = new object[request.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = PidMapping.FromWire(request.Arguments[i], this);
        }

        var parent = FromWire(request.From);
        _ = StartForPeerAsync(connection, request, new RemoteStartRequest(name, connection.PeerName, parent, arguments), factory);
    }

    private async Task StartForPeerAsync(Connection connection, SpawnRequest request, RemoteStartRequest start, Func<RemoteStartRequest, GenServer> factory)
    {
        StartResult result;
        try
        {
            result = await GenServer.StartAsync(Node, () => factory(start)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            // The node is stopping: nothing starts any more.
            result = StartResult.Failed(ExitReason.Crash(exception));
        }

        if (!result.IsStarted)
        {
            var error = result.Status switch
            {
                StartStatus.Ignored => SpawnAtoms.Ignore,
                StartStatus.AlreadyStarted => SpawnAtoms.AlreadyStarted,
                _ => SpawnAtoms.InitFailed,
            };
            Logger.LogWarning("Remote start of '{Name}' from {Peer} failed: {Result}", start.Name, connection.PeerName, result);
            ReplyToSpawn(connection, request, 0, error);
            return;
        }

        var child = result.Pid;
        var childWire = ToWire(child);
        var flags = (request.Link ? SpawnReplyFlags.Link : 0) | (request.Monitor ? SpawnReplyFlags.Monitor : 0);

        // The reply goes first: on one connection frames keep their order, so no exit of the child can overtake it.
        ReplyToSpawn(connection, request, flags, childWire);
        if (child.Process is not { } process)
        {
            SignalGoneChild(connection, request, childWire);
            return;
        }

        if (request.Link)
        {
            if (process.AddRemoteLink(start.Parent))
            {
                connection.Signals.Links[(process, start.Parent)] = 0;
                if (connection.State == ConnectionState.Closed && connection.Signals.Links.TryRemove((process, start.Parent), out _))
                {
                    // The requester's node went while init ran: the link reports it, so a linked child does not outlive it.
                    FireLink(process, start.Parent, ExitReason.NoConnection);
                }
            }
            else
            {
                Enqueue(connection, new ErlangTuple(ControlTag.Exit, childWire, request.From, ControlAtoms.NoProc), null);
            }
        }

        if (request.Monitor)
        {
            var watcher = new RemoteWatcher(connection, request.From, request.Id, childWire);
            connection.Signals.Watchers[request.Id] = (process, watcher);
            if (!process.AddRemoteWatcher(watcher))
            {
                connection.Signals.Watchers.TryRemove(request.Id, out _);
                Enqueue(connection, new ErlangTuple(ControlTag.MonitorPExit, childWire, request.From, request.Id, ControlAtoms.NoProc), null);
            }
        }
    }

    /// <summary>The child exited before its links could be made: the parent hears <c>noproc</c> through what it asked for.</summary>
    private void SignalGoneChild(Connection connection, SpawnRequest request, ErlangPid childWire)
    {
        if (request.Link)
        {
            Enqueue(connection, new ErlangTuple(ControlTag.Exit, childWire, request.From, ControlAtoms.NoProc), null);
        }

        if (request.Monitor)
        {
            Enqueue(connection, new ErlangTuple(ControlTag.MonitorPExit, childWire, request.From, request.Id, ControlAtoms.NoProc), null);
        }
    }

    private static void ReplyToSpawn(Connection connection, SpawnRequest request, int flags, object result) =>
        Enqueue(connection, new ErlangTuple(ControlTag.SpawnReply, request.Id, request.From, (long)flags, result), null);

    /// <summary>
    /// A task that completes with <paramref name="remote"/>'s exit reason (<c>noproc</c> if it is already gone,
    /// <c>noconnection</c> if its node is lost): a monitor held by the node itself, for waits that cannot read a
    /// mailbox (a supervisor shutting down a remote child).
    /// </summary>
    public Task<ExitReason> WhenExitedAsync(Pid remote)
    {
        var node = Nodes.RemoteNodeTable.Get(remote.NodeId);
        var connection = GetOrConnect(node.Name.Name);
        if (connection.State == ConnectionState.Closed)
        {
            return Task.FromResult(ExitReason.NoConnection);
        }

        if (!IsCurrentIncarnation(connection, node))
        {
            return Task.FromResult(ExitReason.NoProc);
        }

        // A call that is never answered: its monitor's MONITOR_P_EXIT (or the connection's loss) ends it.
        var key = Interlocked.Increment(ref s_lastCallKey);
        var target = ToWire(remote);
        var watch = new PendingRemoteCall(key, connection, remote, target, $"exit of {remote}", Timeout.InfiniteTimeSpan);
        connection.Signals.Calls[key] = watch;
        watch.Finished = (finished, _) => connection.Signals.Calls.TryRemove(finished.Key, out PendingRemoteCall? _);
        Enqueue(connection, new ErlangTuple(ControlTag.MonitorP, ToWire(NodePid), target, ReferenceFor(key)), null);
        if (connection.State == ConnectionState.Closed)
        {
            watch.TryFail(new ProcessExitedException(remote, ExitReason.NoConnection, watch.Description));
        }

        return ExitReasonOf(watch.Task);
    }

    private static async Task<ExitReason> ExitReasonOf(Task<object?> watch)
    {
        try
        {
            await watch.ConfigureAwait(false);
            return ExitReason.Normal; // not reached: nothing replies to a watch
        }
        catch (ProcessExitedException exited)
        {
            return exited.Reason;
        }
        catch (NoProcessException)
        {
            return ExitReason.NoProc;
        }
    }
}
