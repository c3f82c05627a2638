using System;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using System.Threading.Tasks;
using Arbor.Distribution.Terms;
using Arbor.Distribution.Terms.Mapping;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    /// <summary>
    /// Decodes and acts on one frame. Anything malformed (bad marker, truncated or oversized terms, a control tuple of
    /// the wrong shape) returns an error and the connection closes; nothing a peer sends can throw into the node.
    /// </summary>
    string? IConnectionOwner.OnFrame(Connection connection, ReadOnlySpan<byte> frame)
    {
        if (frame[0] != ControlTag.PassThrough)
        {
            return $"expected the pass-through marker {ControlTag.PassThrough}, got {frame[0]}";
        }

        var reader = new TermReader(frame[1..], Atoms, Limits);
        if (!reader.TryReadVersion())
        {
            return "the control message lacks the version byte";
        }

        if (TryDispatchMessage(connection, reader, out var messageError))
        {
            return messageError;
        }

        object control;
        object? payload = null;
        try
        {
            control = reader.ReadTerm();
            if (reader.Remaining > 0)
            {
                if (!reader.TryReadVersion())
                {
                    return "the payload lacks the version byte";
                }

                payload = reader.ReadTerm();
                if (reader.Remaining != 0)
                {
                    return $"{reader.Remaining} bytes after the payload";
                }
            }
        }
        catch (TermFormatException exception)
        {
            return exception.Message;
        }

        try
        {
            return Dispatch(connection, control, payload);
        }
        catch (Exception exception) when (exception is TermFormatException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            return $"bad control message {Describe(control)}: {exception.Message}";
        }
    }

    private string? Dispatch(Connection connection, object control, object? payload)
    {
        if (control is not ErlangTuple { Count: > 0 } tuple || tuple[0] is not long tag)
        {
            return $"a control message must be a tuple starting with an integer, got {Describe(control)}";
        }

        switch (tag)
        {
            case ControlTag.Send when tuple.Count == 3 && payload is not null:
                DeliverTo(connection, Pid.None, tuple[2], payload);
                return null;
            case ControlTag.SendSender when tuple.Count == 3 && payload is not null:
                DeliverTo(connection, FromWire(AsPid(tuple[1])), tuple[2], payload);
                return null;
            case ControlTag.SendTT or ControlTag.SendSenderTT when tuple.Count == 4 && payload is not null:
                DeliverTo(connection, tag == ControlTag.SendSenderTT ? FromWire(AsPid(tuple[1])) : Pid.None, tuple[2], payload);
                return null;
            case ControlTag.RegSend or ControlTag.RegSendTT when tuple.Count >= 4 && payload is not null:
                DeliverToName(connection, FromWire(AsPid(tuple[1])), AsAtom(tuple[3]), payload);
                return null;
            case ControlTag.AliasSend or ControlTag.AliasSendTT when tuple.Count >= 3 && payload is not null:
                DeliverToAlias(connection, AsReference(tuple[2]), payload);
                return null;
            case ControlTag.Link when tuple.Count == 3:
                OnLink(connection, FromWire(AsPid(tuple[1])), FromWire(AsPid(tuple[2])));
                return null;
            case ControlTag.UnlinkId when tuple.Count == 4:
                OnUnlink(connection, tuple[1], FromWire(AsPid(tuple[2])), FromWire(AsPid(tuple[3])));
                return null;
            case ControlTag.UnlinkIdAck or ControlTag.Unlink or ControlTag.GroupLeader:
                return null; // our side of the link went when we unlinked; group leaders do not exist here
            case ControlTag.Exit or ControlTag.ExitTT when tuple.Count >= 4:
                OnExit(FromWire(AsPid(tuple[1])), FromWire(AsPid(tuple[2])), tuple[^1], ExitSignalSource.Link, connection);
                return null;
            case ControlTag.PayloadExit or ControlTag.PayloadExitTT when payload is not null:
                OnExit(FromWire(AsPid(tuple[1])), FromWire(AsPid(tuple[2])), payload, ExitSignalSource.Link, connection);
                return null;
            case ControlTag.Exit2 or ControlTag.Exit2TT when tuple.Count >= 4:
                OnExit(FromWire(AsPid(tuple[1])), FromWire(AsPid(tuple[2])), tuple[^1], ExitSignalSource.Explicit, connection);
                return null;
            case ControlTag.PayloadExit2 or ControlTag.PayloadExit2TT when payload is not null:
                OnExit(FromWire(AsPid(tuple[1])), FromWire(AsPid(tuple[2])), payload, ExitSignalSource.Explicit, connection);
                return null;
            case ControlTag.MonitorP when tuple.Count == 4:
                OnMonitor(connection, AsPid(tuple[1]), tuple[2], AsReference(tuple[3]));
                return null;
            case ControlTag.DemonitorP when tuple.Count == 4:
                OnDemonitor(connection, AsReference(tuple[3]));
                return null;
            case ControlTag.MonitorPExit when tuple.Count == 5:
                OnMonitorExit(connection, AsReference(tuple[3]), tuple[4]);
                return null;
            case ControlTag.PayloadMonitorPExit when tuple.Count == 4 && payload is not null:
                OnMonitorExit(connection, AsReference(tuple[3]), payload);
                return null;
            case ControlTag.SpawnRequest or ControlTag.SpawnRequestTT:
                OnSpawnRequest(connection, tuple, payload, traced: tag == ControlTag.SpawnRequestTT);
                return null;
            case ControlTag.SpawnReply or ControlTag.SpawnReplyTT when tuple.Count == (tag == ControlTag.SpawnReply ? 5 : 6):
                OnSpawnReply(connection, tuple);
                return null;
            default:
                Logger.LogDebug("Ignored control message {Tag} from {Peer}", tag, connection.PeerName);
                return null;
        }
    }

    private void DeliverTo(Connection connection, Pid from, object to, object payload) =>
        DeliverToPid(connection, from, AsPid(to), payload);

    private void DeliverToPid(Connection connection, Pid from, ErlangPid to, object payload)
    {
        var target = FromWire(to);
        var message = PidMapping.FromWire(payload, this);
        if (target.IsNone && target.Id == 0)
        {
            // Addressed to the node's own pseudo process: a reply to a call made from outside any process, from a peer without aliases.
            CompleteCallFromReply(connection, message);
            return;
        }

        if (target.Process is { } process)
        {
            Deliver(process, from, message);
        }
    }

    private void DeliverToName(Connection connection, Pid from, Atom name, object payload)
    {
        var message = PidMapping.FromWire(payload, this);
        if (name == ControlAtoms.NetKernel && TryAnswerNetKernel(from, message))
        {
            return;
        }

        if (name == GlobalAtoms.NameServer && TryAnswerGlobal(connection, message))
        {
            return;
        }

        if (Node.Whereis(name.Name).Process is { } process)
        {
            Deliver(process, from, message);
        }
        else
        {
            Logger.LogDebug("Message from {Peer} to unregistered name {Name} dropped", connection.PeerName, name);
        }
    }

    private void DeliverToAlias(Connection connection, ErlangReference alias, object payload)
    {
        var message = PidMapping.FromWire(payload, this);
        CompleteCallFromReply(connection, message);
    }

    /// <summary>
    /// Hands a message to a local process. gen_server shapes go to a remote-enabled server's generated handlers when its
    /// protocol decodes them (a call then runs exactly as a local call, and its result goes back encoded); otherwise
    /// they arrive as <see cref="RemoteCall"/>/<see cref="RemoteCast"/> info messages.
    /// </summary>
    private void Deliver(Process process, Pid from, object message)
    {
        var protocol = (process.Behavior as IRemoteServer)?.RemoteProtocol;
        if (message is ErlangTuple { Count: 3 } call && call[0] is Atom callTag && callTag == ControlAtoms.GenCall &&
            call[1] is ErlangTuple { Count: 2 } replyTo && replyTo[0] is Pid caller)
        {
            if (protocol is not null && protocol.TryDecodeCall(call[2], out var typed))
            {
                _ = RunTypedCallAsync(process, protocol, typed, caller, replyTo[1]);
                return;
            }

            process.Enqueue(new InfoEnvelope(new RemoteCall(this, caller, replyTo[1], call[2])));
            return;
        }

        if (message is ErlangTuple { Count: 2 } cast && cast[0] is Atom castTag && castTag == ControlAtoms.GenCast)
        {
            if (protocol is not null && protocol.TryDecodeCast(cast[1], out var typedCast))
            {
                process.Enqueue(typedCast);
                return;
            }

            process.Enqueue(new InfoEnvelope(new RemoteCast(cast[1])));
            return;
        }

        process.Enqueue(new InfoEnvelope(message));
    }

    /// <summary>
    /// Runs a decoded remote call through the server's mailbox like a local call and sends back the encoded result. If
    /// the server exits first nothing is sent: the caller's monitor reports the exit, as in Erlang.
    /// </summary>
    private async Task RunTypedCallAsync(Process process, IRemoteProtocol protocol, CallMessage call, Pid caller, object tag)
    {
        call.TargetProcess = process;
        if (!process.Enqueue(call))
        {
            return;
        }

        object? result;
        try
        {
            result = await call.AsBoxedValueTask().ConfigureAwait(false);
        }
        catch (CallException)
        {
            return;
        }

        object reply;
        try
        {
            reply = protocol.EncodeReply(call, result);
        }
        catch (ArgumentException exception)
        {
            Logger.LogError(exception, "The reply of {Call} to {Caller} has no Erlang term form; the caller gets no reply", call, caller);
            return;
        }

        SendReply(caller, tag, reply);
    }

    /// <summary><c>net_adm:ping/1</c> asks <c>net_kernel</c> <c>{is_auth, Node}</c>; the answer is <c>yes</c>.</summary>
    private bool TryAnswerNetKernel(Pid from, object message)
    {
        if (message is ErlangTuple { Count: 3 } call && call[0] is Atom tag && tag == ControlAtoms.GenCall &&
            call[1] is ErlangTuple { Count: 2 } replyTo && replyTo[0] is Pid caller &&
            call[2] is ErlangTuple { Count: 2 } request && request[0] is Atom what && what == ControlAtoms.IsAuth)
        {
            SendReply(caller, replyTo[1], ControlAtoms.Yes);
            return true;
        }

        return false;
    }

    private void OnLink(Connection connection, Pid from, Pid to)
    {
        if (to.Process is { } process && process.AddRemoteLink(from))
        {
            connection.Signals.Links[(process, from)] = 0;
            return;
        }

        // The target does not exist (any more): the linker gets noproc, as in Erlang.
        Enqueue(connection, new ErlangTuple(ControlTag.Exit, ToWire(to), ToWire(from), ControlAtoms.NoProc), null);
    }

    private void OnUnlink(Connection connection, object id, Pid from, Pid to)
    {
        if (to.Process is { } process)
        {
            process.RemoveRemoteLink(from);
            connection.Signals.Links.TryRemove((process, from), out _);
        }

        Enqueue(connection, new ErlangTuple(ControlTag.UnlinkIdAck, id, ToWire(to), ToWire(from)), null);
    }

    private void OnExit(Pid from, Pid to, object reasonTerm, ExitSignalSource source, Connection connection)
    {
        if (to.Process is not { } process)
        {
            return;
        }

        if (source == ExitSignalSource.Link)
        {
            connection.Signals.Links.TryRemove((process, from), out _);
        }

        var reason = ExitReasonTerms.FromTerm(PidMapping.FromWire(reasonTerm, this));
        process.EnqueueSignal(new ExitSignal(from, reason, source));
    }

    private void OnMonitor(Connection connection, ErlangPid watcher, object target, ErlangReference reference)
    {
        if (target is Atom kernel && kernel == ControlAtoms.NetKernel)
        {
            return; // OTP's gen:call monitors net_kernel during net_adm:ping; it is answered here and never goes down
        }

        Process? process = target switch
        {
            ErlangPid pid => FromWire(pid).Process,
            Atom name => Node.Whereis(name.Name).Process,
            _ => throw new ArgumentException($"a monitor target must be a pid or an atom, got {Describe(target)}"),
        };

        var entry = new RemoteWatcher(connection, watcher, reference, target);
        if (process is not null)
        {
            connection.Signals.Watchers[reference] = (process, entry);
            if (process.AddRemoteWatcher(entry))
            {
                return;
            }

            connection.Signals.Watchers.TryRemove(reference, out _);
        }

        Enqueue(connection, new ErlangTuple(ControlTag.MonitorPExit, target, watcher, reference, ControlAtoms.NoProc), null);
    }

    private static void OnDemonitor(Connection connection, ErlangReference reference)
    {
        if (connection.Signals.Watchers.TryRemove(reference, out var entry))
        {
            entry.Local.RemoveRemoteWatcher(entry.Watcher);
        }
    }

    private void OnMonitorExit(Connection connection, ErlangReference reference, object reasonTerm)
    {
        var key = KeyOf(reference);
        var reason = ExitReasonTerms.FromTerm(PidMapping.FromWire(reasonTerm, this));
        if (connection.Signals.Calls.TryGetValue(key, out var call))
        {
            call.TryFail(reason.Kind == ExitKind.NoProc
                ? new NoProcessException(call.Target, call.Description)
                : new ProcessExitedException(call.Target, reason, call.Description));
            return;
        }

        if (connection.Signals.Monitors.TryRemove(key, out var monitor))
        {
            DeliverDown(monitor, reason);
        }
    }

    private static long KeyOf(ErlangReference reference) =>
        reference.Ids.Length >= 2 ? (long)(((ulong)reference.Ids[1] << 32) | reference.Ids[0]) : -1;

    private static ErlangPid AsPid(object term) =>
        term as ErlangPid? ?? throw new ArgumentException($"expected a pid, got {Describe(term)}");

    private static Atom AsAtom(object term) =>
        term as Atom? ?? throw new ArgumentException($"expected an atom, got {Describe(term)}");

    private static ErlangReference AsReference(object term) =>
        term as ErlangReference? ?? throw new ArgumentException($"expected a reference, got {Describe(term)}");

    private static string Describe(object? term)
    {
        var text = term?.ToString() ?? "nil";
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
