using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.Nodes;
using Arbor.Distribution.Terms;
using Arbor.Timers;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    // Call keys live above every MonitorRef id, so a call's reference never matches a monitor's.
    private static long s_lastCallKey = 1L << 62;

    /// <summary>A gen_server call to a remote pid, in Erlang's shape (the reply is a term).</summary>
    public Task<object?> CallAsync(Pid target, object request, TimeSpan timeout) =>
        CallAsync(target, request, timeout, request.ToString() ?? request.GetType().Name);

    /// <summary>A gen_server call to a remote pid or <c>{Name, Node}</c> address; call errors name the request as <paramref name="description"/>.</summary>
    private Task<object?> CallAsync(Pid target, object request, TimeSpan timeout, string description)
    {
        var node = RemoteNodeTable.Get(target.NodeId);
        var connection = GetOrConnect(node.Name.Name);
        var targetTerm = target.IsRemoteName ? (object)Atom.Of(target.RegisteredName!) : ToWire(target);
        return Call(connection, target, targetTerm, request, timeout, description);
    }

    /// <summary>The <c>{Name, Node}</c> address behind <see cref="ArborNode.Whereis(string, string)"/>; this node's own names resolve locally.</summary>
    public Pid AddressOf(string name, string node)
    {
        var full = NodeName.Parse(node).Full;
        if (string.Equals(full, Name.Full, StringComparison.Ordinal))
        {
            return Node.Whereis(name);
        }

        var remote = RemoteNodeTable.GetOrAdd(Atom.Of(full), creation: 0)
            ?? throw new InvalidOperationException($"Too many distinct remote nodes ({RemoteNodeTable.Capacity}) known to this process.");
        remote.Route = this;
        return new Pid(remote.Index, -RemoteNameTable.IndexOf(Atom.Of(name)));
    }

    /// <summary>A gen_server call to <c>{Name, Node}</c>.</summary>
    public Task<object?> CallAsync(string name, string node, object request, TimeSpan timeout)
    {
        var connection = GetOrConnect(NodeName.Parse(node).Full);
        return Call(connection, Pid.None, Atom.Of(name), request, timeout, $"{request} (to {{{name}, {node}}})");
    }

    /// <summary>A gen_server cast (<c>{'$gen_cast', Request}</c>) to a remote pid; never fails.</summary>
    public void Cast(Pid from, Pid target, object request) =>
        Send(from, target, request, genCast: true);

    /// <summary>A gen_server cast to <c>{Name, Node}</c>; never fails.</summary>
    public void Cast(Pid from, string name, string node, object request) =>
        SendNamed(from, name, node, request, genCast: true);

    private Task<object?> Call(Connection connection, Pid target, object targetTerm, object request, TimeSpan timeout, string description)
    {
        // Mapped first: a request that cannot travel fails here, before anything is registered or sent.
        var wireRequest = PidMapping.ToWire(request, this);
        var key = Interlocked.Increment(ref s_lastCallKey);
        var reference = ReferenceFor(key);
        var call = new PendingRemoteCall(key, connection, target, targetTerm, description, timeout);
        if (connection.State == ConnectionState.Closed)
        {
            call.TryFail(new ProcessExitedException(target, ExitReason.NoConnection, description));
            return call.Task;
        }

        connection.Signals.Calls[key] = call;
        call.Finished = (finished, replied) =>
        {
            if (connection.Signals.Calls.TryRemove(finished.Key, out _) && connection.State != ConnectionState.Closed)
            {
                // Nobody waits for it: it rides in the next write (a sequential caller's next call), or goes out soon.
                Enqueue(connection, new ErlangTuple(ControlTag.DemonitorP, ToWire(NodePid), finished.TargetTerm, ReferenceFor(finished.Key)), null, WriteTiming.Soon);
            }
        };

        var from = Process.Current?.Pid ?? NodePid;
        var fromWire = ToWire(from);

        // Monitor the callee under the call's reference (its death or absence fails the call), then send the request
        // with the OTP 24+ alias tag [alias | Ref]: the reply comes back as an ALIAS_SEND to that reference.
        Enqueue(connection, new ErlangTuple(ControlTag.MonitorP, ToWire(NodePid), targetTerm, reference), null, WriteTiming.WithNext);
        var tag = new ErlangList([ControlAtoms.Alias], reference);
        var message = new ErlangTuple(ControlAtoms.GenCall, new ErlangTuple(fromWire, tag), wireRequest);
        object control = targetTerm is Atom name
            ? new ErlangTuple(ControlTag.RegSend, fromWire, ControlAtoms.Empty, name)
            : new ErlangTuple(ControlTag.Send, ControlAtoms.Empty, targetTerm);
        Enqueue(connection, control, message, WriteTiming.Now); // the monitor queued above goes out in the same write

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            // The node's clock, as the node's timers run on it (virtual time in tests).
            call.DueMs = Node.Clock.DueAfter(timeout);
            Node.Timers.Schedule(call);
        }

        return call.Task;
    }

    /// <summary>A <c>{Tag, Reply}</c> addressed to a call's alias (or to the node pid): completes that call; anything else is dropped.</summary>
    private static void CompleteCallFromReply(Connection connection, object message)
    {
        if (message is not ErlangTuple { Count: 2 } reply)
        {
            return;
        }

        var reference = reply[0] switch
        {
            ErlangList { Count: 1, Tail: ErlangReference alias } => alias,
            ErlangReference plain => plain,
            _ => (ErlangReference?)null,
        };

        if (reference is { } found && connection.Signals.Calls.TryGetValue(KeyOf(found), out var call))
        {
            call.TryComplete(reply[1]);
        }
    }
}
