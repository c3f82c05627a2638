using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Distribution.Terms;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.Replication;

/// <summary>
/// The replicator of one named value on one node (registered as <c>arbor_crdt:{name}</c>). It owns the local replica:
/// local mutations are joined at once and collected into a delta-group that is shipped to every member once per delta
/// interval; deltas and states from members are joined as they arrive. Only a node's own changes travel in its deltas
/// (the members form a full mesh, so each hears every origin directly); a member that (re)joins gets the whole state, and
/// so does a member that sees a gap in an origin's delta numbers. Malformed messages are logged and dropped; a failing
/// user mutation fails only its own update.
/// </summary>
internal sealed class ReplicatorServer<T> : GenServer
    where T : class, IDeltaCrdt<T>
{
    private readonly Replicated<T> _handle;
    private readonly CrdtCodec<T> _codec;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Incarnation, long Seq)> _origins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stateRequested = new(StringComparer.Ordinal);
    private readonly Dictionary<Pid, MonitorRef> _subscribers = new();
    private T _state = T.Empty;
    private T? _pending;
    private long _seq;
    private bool _flushScheduled;

    public ReplicatorServer(Replicated<T> handle, ArborCluster cluster, CrdtCodec<T> codec, TimeSpan interval)
    {
        _handle = handle;
        _codec = codec;
        _interval = interval;
        _logger = Node.LoggerFactory.CreateLogger("Arbor.Cluster");
        cluster.Subscribe(Self);
    }

    private string ServiceName => ReplicationWire.ServiceName(_handle.Name);

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is UpdateCall<T> update)
        {
            Reply(update, Apply(update.Delta));
            return default;
        }

        return base.HandleCallAsync(call);
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case UpdateRequest<T> update when Apply(update.Delta) is { } error:
                _logger.LogError(error, "Replicated value {Name}: an update failed and was not applied", _handle.Name);
                break;
            case UpdateRequest<T>:
                break;
            case FlushDeltas:
                Flush();
                break;
            case MemberJoined joined:
                _members.Add(joined.Node);
                SendState(joined.Node, replyWanted: true);
                break;
            case MemberEvent gone:
                _members.Remove(gone.Node);
                _origins.Remove(gone.Node);
                _stateRequested.Remove(gone.Node);
                break;
            case ReplicaSubscription subscription:
                OnSubscription(subscription);
                break;
            case Down down:
                _subscribers.Remove(down.Pid);
                break;
            case ErlangTuple { Count: >= 3 } tuple when tuple[0] is Atom tag && tag == ReplicationWire.Tag:
                OnWire(tuple);
                break;
            default:
                return base.HandleInfoAsync(message);
        }

        return default;
    }

    /// <summary>Runs a local mutation and joins its delta into the replica and the pending delta-group.</summary>
    private Exception? Apply(Func<T, string, T> mutation)
    {
        T next;
        T pending;
        try
        {
            var delta = mutation(_state, _handle.ReplicaId) ?? throw new InvalidOperationException("The update returned a null delta.");
            next = _state.Join(delta);
            if (ReferenceEquals(next, _state))
            {
                return null; // nothing new (removing what is not there): nothing to ship
            }

            pending = _pending is null ? delta : _pending.Join(delta);
        }
        catch (Exception exception)
        {
            // User code: its failure is the caller's, the replica is untouched.
            return exception;
        }

        _pending = pending;
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            Tick(_interval, new FlushDeltas());
        }

        Publish(next);
        return null;
    }

    private void Flush()
    {
        _flushScheduled = false;
        if (_pending is null)
        {
            return;
        }

        var delta = _pending;
        _pending = null;
        _seq++;
        if (_members.Count == 0)
        {
            return; // nobody to tell: members that join later get the state
        }

        if (Encode(delta, "delta") is not { } term)
        {
            return;
        }

        var message = ReplicationWire.DeltaOf(Self, _handle.Incarnation, _seq, term);
        foreach (var member in _members)
        {
            Send(member, message);
        }
    }

    private void OnWire(ErlangTuple tuple)
    {
        if (tuple[1] is not Atom kind || tuple[2] is not Pid { IsRemote: true, Node: { } origin } from)
        {
            _logger.LogWarning("Replicated value {Name}: dropped a malformed message (no kind or sender)", _handle.Name);
            return;
        }

        if (kind == ReplicationWire.Delta && tuple.Count == 6 && tuple[3] is long deltaIncarnation && tuple[4] is long seq)
        {
            if (Decode(tuple[5], origin, "delta") is { } delta)
            {
                OnDelta(origin, from, deltaIncarnation, seq, delta);
            }
        }
        else if (kind == ReplicationWire.State && tuple.Count == 7 && tuple[3] is long stateIncarnation && tuple[4] is long stateSeq && tuple[5] is bool replyWanted)
        {
            if (Decode(tuple[6], origin, "state") is { } state)
            {
                OnState(origin, stateIncarnation, stateSeq, state);
                if (replyWanted)
                {
                    SendState(origin, replyWanted: false);
                }
            }
        }
        else if (kind == ReplicationWire.NeedState && tuple.Count == 3)
        {
            SendState(origin, replyWanted: false);
        }
        else
        {
            _logger.LogWarning("Replicated value {Name}: dropped a malformed {Kind} message from {Node}", _handle.Name, kind, origin);
        }
    }

    private void OnDelta(string origin, Pid from, long incarnation, long seq, T delta)
    {
        Join(delta, origin);
        if (_origins.TryGetValue(origin, out var known) && known.Incarnation == incarnation && seq <= known.Seq + 1)
        {
            _origins[origin] = (incarnation, Math.Max(seq, known.Seq));
            return;
        }

        // A gap, a restarted origin, or one never heard in full: the joined delta may not be all it sent. Ask once.
        if (_stateRequested.Add(origin))
        {
            from.Send(ReplicationWire.NeedStateOf(Self));
        }
    }

    private void OnState(string origin, long incarnation, long seq, T state)
    {
        Join(state, origin);
        _stateRequested.Remove(origin);
        if (_origins.TryGetValue(origin, out var known) && known.Incarnation == incarnation && known.Seq > seq)
        {
            return; // an older state overtaken by deltas already counted
        }

        _origins[origin] = (incarnation, seq);
    }

    private void Join(T incoming, string origin)
    {
        T next;
        try
        {
            next = _state.Join(incoming);
        }
        catch (Exception exception)
        {
            // A user-defined CRDT's join: a bug there must not stop the replicator.
            _logger.LogError(exception, "Replicated value {Name}: joining a change from {Node} failed; dropped", _handle.Name, origin);
            return;
        }

        Publish(next);
    }

    private void Publish(T next)
    {
        if (ReferenceEquals(next, _state))
        {
            return;
        }

        _state = next;
        _handle.Publish(next);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Send(new ReplicaChanged<T>(_handle.Name, next));
        }
    }

    private void SendState(string node, bool replyWanted)
    {
        if (Encode(_state, "state") is { } term)
        {
            Send(node, ReplicationWire.StateOf(Self, _handle.Incarnation, _seq, replyWanted, term));
        }
    }

    private void OnSubscription(ReplicaSubscription subscription)
    {
        if (!subscription.Subscribe)
        {
            if (_subscribers.Remove(subscription.Subscriber, out var monitor))
            {
                Demonitor(monitor, flush: true);
            }

            return;
        }

        if (!_subscribers.ContainsKey(subscription.Subscriber))
        {
            _subscribers[subscription.Subscriber] = Monitor(subscription.Subscriber);
            subscription.Subscriber.Send(new ReplicaChanged<T>(_handle.Name, _state));
        }
    }

    private object? Encode(T value, string what)
    {
        try
        {
            return _codec.Encode(value);
        }
        catch (Exception exception)
        {
            // The codec may be user code; the members stay behind until a later state gets through.
            _logger.LogError(exception, "Replicated value {Name}: encoding the {What} failed; not sent", _handle.Name, what);
            return null;
        }
    }

    private T? Decode(object term, string origin, string what)
    {
        string error;
        try
        {
            if (_codec.TryDecode(term, out var value, out error))
            {
                return value;
            }
        }
        catch (Exception exception)
        {
            error = exception.Message;
        }

        _logger.LogWarning("Replicated value {Name}: dropped a malformed {What} from {Node}: {Error}", _handle.Name, what, origin, error);
        return null;
    }

    private void Send(string node, ErlangTuple message)
    {
        try
        {
            Node.Send(ServiceName, node, message);
        }
        catch (ArgumentException exception)
        {
            // A user codec produced something that is not a term.
            _logger.LogError(exception, "Replicated value {Name}: a message to {Node} could not be encoded", _handle.Name, node);
        }
    }

    /// <summary>A timer message to this process; none once the node is stopping.</summary>
    private void Tick(TimeSpan delay, object message)
    {
        try
        {
            SendAfter(delay, message);
        }
        catch (ObjectDisposedException)
        {
            // The node is shutting down.
        }
    }
}
