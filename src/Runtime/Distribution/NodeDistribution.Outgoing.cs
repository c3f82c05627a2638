using System;
using System.Collections.Generic;
using System.Threading;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.Handshake;
using Arbor.Distribution.Nodes;
using Arbor.Distribution.Terms;
using Arbor.Protocol;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    private long _lastUnlinkId;

    /// <summary>The wire form of a pid; a local pid is remembered so messages addressed to it find it.</summary>
    public ErlangPid ToWire(Pid pid)
    {
        if (pid.IsRemoteName)
        {
            throw new ArgumentException($"{pid} is a registered name on another node, not a process: it cannot travel inside a message.");
        }

        if (pid.IsRemote)
        {
            var node = RemoteNodeTable.Get(pid.NodeId);
            return new ErlangPid(node.Name, (uint)pid.Id, (uint)(pid.Id >> 32), node.Creation);
        }

        if (pid.Process is { } process)
        {
            _exported.Export(process);
        }

        return new ErlangPid(SelfAtom, (uint)pid.Id, (uint)(pid.Id >> 32), Creation);
    }

    /// <summary>The <see cref="Pid"/> for a pid from the wire: a live local process, a dead local one, or a remote one.</summary>
    public Pid FromWire(ErlangPid pid)
    {
        // A negative id marks a {Name, Node} address (Pid.IsRemoteName); no real serial comes near 2^31.
        if (pid.Serial > int.MaxValue)
        {
            throw new TermFormatException($"Pid serial {pid.Serial} is out of range.", 0);
        }

        var id = (long)(((ulong)pid.Serial << 32) | pid.Id);
        if (pid.Node == SelfAtom)
        {
            return pid.Creation == Creation && _exported.Find(id) is { } process ? process.Pid : new Pid(0, id);
        }

        var node = RemoteNodeTable.GetOrAdd(pid.Node, pid.Creation)
            ?? throw new TermFormatException($"Too many distinct remote nodes ({RemoteNodeTable.Capacity}) seen in pids.", 0);
        node.Route = this;
        return new Pid(node.Index, id);
    }

    /// <summary>Sends <paramref name="message"/> to a process on another node (OTP <c>Pid ! Msg</c>); connects first if needed.</summary>
    public void Send(Pid from, Pid to, object message) => Send(from, to, message, genCast: false);

    /// <summary>Sends <paramref name="message"/> to a remote process, wrapped as <c>{'$gen_cast', Message}</c> when <paramref name="genCast"/>.</summary>
    private void Send(Pid from, Pid to, object message, bool genCast)
    {
        if (to.IsRemoteName)
        {
            SendNamed(from, to.RegisteredName!, to.Node!, message, genCast);
            return;
        }

        var node = RemoteNodeTable.Get(to.NodeId);
        if (node.Name == SelfAtom)
        {
            return; // a pid of an earlier incarnation of this node: the process is gone
        }

        var connection = GetOrConnect(node.Name.Name);
        if (!IsCurrentIncarnation(connection, node))
        {
            return;
        }

        var sender = !from.IsNone && connection.HasFlag(DistributionFlags.SendSender) ? from : Pid.None;
        EnqueueSend(connection, sender, to, PidMapping.ToWire(message, this), genCast);
    }

    /// <summary>Sends to the process registered as <paramref name="name"/> on <paramref name="node"/> (OTP <c>{Name, Node} ! Msg</c>).</summary>
    public void SendNamed(Pid from, string name, string node, object message) => SendNamed(from, name, node, message, genCast: false);

    /// <summary>Sends to <c>{Name, Node}</c>, wrapped as <c>{'$gen_cast', Message}</c> when <paramref name="genCast"/>.</summary>
    private void SendNamed(Pid from, string name, string node, object message, bool genCast)
    {
        if (string.Equals(node, Name.Full, StringComparison.Ordinal))
        {
            Node.Whereis(name).Send(genCast ? new ErlangTuple(ControlAtoms.GenCast, message) : message);
            return;
        }

        var connection = GetOrConnect(node);
        EnqueueRegSend(connection, from.IsNone ? NodePid : from, Atom.Of(name), PidMapping.ToWire(message, this), genCast);
    }

    /// <summary>Links a local process with a remote one; an unreachable node gives the local process a noconnection exit.</summary>
    public void Link(Process local, Pid remote)
    {
        RequireProcess(remote, "linked");
        if (!local.AddRemoteLink(remote))
        {
            return;
        }

        var node = RemoteNodeTable.Get(remote.NodeId);
        var connection = GetOrConnect(node.Name.Name);
        connection.Signals.Links[(local, remote)] = 0;
        if (connection.State == ConnectionState.Closed || !IsCurrentIncarnation(connection, node))
        {
            FireLink(local, remote, connection.State == ConnectionState.Closed ? ExitReason.NoConnection : ExitReason.NoProc);
            return;
        }

        Enqueue(connection, new ErlangTuple(ControlTag.Link, ToWire(local.Pid), ToWire(remote)), null);
    }

    /// <summary>Removes a link with a remote process (the UNLINK_ID protocol: nothing arrives through it afterwards).</summary>
    public void Unlink(Process local, Pid remote)
    {
        if (!local.RemoveRemoteLink(remote))
        {
            return;
        }

        if (TryGetConnection(RemoteNodeTable.Get(remote.NodeId).Name.Name, out var connection))
        {
            connection.Signals.Links.TryRemove((local, remote), out _);
            var id = Interlocked.Increment(ref _lastUnlinkId);
            Enqueue(connection, new ErlangTuple(ControlTag.UnlinkId, id, ToWire(local.Pid), ToWire(remote)), null);
        }
    }

    /// <summary>Sends an exit signal to a remote process (OTP <c>exit(Pid, Reason)</c>).</summary>
    public void SendExit(Pid from, Pid to, ExitReason reason)
    {
        RequireProcess(to, "sent an exit signal");
        var node = RemoteNodeTable.Get(to.NodeId);
        if (node.Name == SelfAtom)
        {
            return;
        }

        var connection = GetOrConnect(node.Name.Name);
        if (IsCurrentIncarnation(connection, node))
        {
            var control = new ErlangTuple(ControlTag.Exit2, ToWire(from.IsNone ? NodePid : from), ToWire(to), ReasonTerm(reason));
            Enqueue(connection, control, null);
        }
    }

    /// <summary>Starts a monitor of a local process on a remote one; its Down comes back as MONITOR_P_EXIT, or noconnection.</summary>
    public void Monitor(MonitorRef reference)
    {
        var node = RemoteNodeTable.Get(reference.Target.NodeId);
        var connection = GetOrConnect(node.Name.Name);
        var named = reference.Target.IsRemoteName;
        if (connection.State == ConnectionState.Closed || (!named && !IsCurrentIncarnation(connection, node)))
        {
            DeliverDown(reference, connection.State == ConnectionState.Closed ? ExitReason.NoConnection : ExitReason.NoProc);
            return;
        }

        connection.Signals.Monitors[reference.Id] = reference;
        var control = new ErlangTuple(ControlTag.MonitorP, ToWire(reference.Watcher.Pid), TargetTerm(reference.Target), ReferenceFor(reference.Id));
        Enqueue(connection, control, null);
    }

    /// <summary>Stops a monitor on a remote process; true if it was active.</summary>
    public bool Demonitor(MonitorRef reference)
    {
        var node = RemoteNodeTable.Get(reference.Target.NodeId);
        if (!TryGetConnection(node.Name.Name, out var connection) || !connection.Signals.Monitors.TryRemove(reference.Id, out _))
        {
            return false;
        }

        var control = new ErlangTuple(ControlTag.DemonitorP, ToWire(reference.Watcher.Pid), TargetTerm(reference.Target), ReferenceFor(reference.Id));
        Enqueue(connection, control, null);
        return true;
    }

    /// <summary>A local process exited: its remote links get EXIT, its remote watchers MONITOR_P_EXIT.</summary>
    public void OnLocalExit(Process process, ExitReason reason, HashSet<Pid>? links, List<RemoteWatcher>? watchers)
    {
        var self = process.Pid;
        if (links is not null)
        {
            foreach (var remote in links)
            {
                if (TryGetConnection(RemoteNodeTable.Get(remote.NodeId).Name.Name, out var connection) &&
                    connection.Signals.Links.TryRemove((process, remote), out _))
                {
                    Enqueue(connection, new ErlangTuple(ControlTag.Exit, ToWire(self), ToWire(remote), ReasonTerm(reason)), null);
                }
            }
        }

        if (watchers is not null)
        {
            foreach (var watcher in watchers)
            {
                var connection = watcher.Connection;
                if (connection.Signals.Watchers.TryRemove(watcher.Reference, out _))
                {
                    var control = new ErlangTuple(ControlTag.MonitorPExit, watcher.MonitoredAs, watcher.Watcher, watcher.Reference, ReasonTerm(reason));
                    Enqueue(connection, control, null);
                }
            }
        }
    }

    /// <summary>Replies to a remote gen_server call: <c>{Tag, Reply}</c> to the caller's alias (OTP 24+) or its pid, written at once (the caller waits).</summary>
    public void SendReply(Pid caller, object tag, object? reply)
    {
        var message = new ErlangTuple(tag, PidMapping.ToWire(reply, this));
        if (tag is ErlangList { Count: 1, Tail: ErlangReference alias } list && list.Elements[0] is Atom head && head == ControlAtoms.Alias)
        {
            var connection = GetOrConnect(alias.Node.Name);
            Enqueue(connection, new ErlangTuple(ControlTag.AliasSend, ToWire(NodePid), alias), message, WriteTiming.Now);
            return;
        }

        if (caller.IsRemote)
        {
            var connection = GetOrConnect(RemoteNodeTable.Get(caller.NodeId).Name.Name);
            Enqueue(connection, new ErlangTuple(ControlTag.Send, ControlAtoms.Empty, ToWire(caller)), message, WriteTiming.Now);
        }
    }

    /// <summary>The node's own pseudo process (serial 0): the sender of signals from outside any process, and the receiver of replies to calls made from outside one.</summary>
    internal Pid NodePid => new(0, 0);

    /// <summary>What a monitor or call names on the wire: the registered name of a <c>{Name, Node}</c> address, else the pid.</summary>
    private object TargetTerm(Pid target) =>
        target.IsRemoteName ? Atom.Of(target.RegisteredName!) : ToWire(target);

    /// <summary>Links and exit signals need a process: Erlang's <c>link({Name, Node})</c> is a badarg too.</summary>
    private static void RequireProcess(Pid target, string what)
    {
        if (target.IsRemoteName)
        {
            throw new ArgumentException($"{target} is a registered name on another node; only a process can be {what} (resolve the name to a pid first).", nameof(target));
        }
    }

    private object ReasonTerm(ExitReason reason) => ExitReasonTerms.ToTerm(reason, term => PidMapping.ToWire(term, this));

    private ErlangReference ReferenceFor(long id) => new(SelfAtom, Creation, [(uint)id, (uint)(id >> 32), 0x4172_626f]);

    private static bool IsCurrentIncarnation(Connection connection, RemoteNode node) =>
        connection.Handshake is not { } handshake || handshake.PeerCreation == node.Creation;

    private bool TryGetConnection(string peer, out Connection connection) =>
        _connections.TryGetValue(peer, out connection!);

    private static void FireLink(Process local, Pid remote, ExitReason reason) =>
        local.EnqueueSignal(new ExitSignal(remote, reason, ExitSignalSource.Link));

    private static void DeliverDown(MonitorRef reference, ExitReason reason) =>
        reference.Watcher.Enqueue(new InfoEnvelope(new Down(reference, reference.Target, reason)));
}
