using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Distribution.Terms;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.GlobalNames;

/// <summary>
/// The global registry of one node, registered as <c>arbor_global</c>. Every node holds a full replica (reads are
/// local); each name is owned by the node of its holder, which alone adds, removes and defends it. A registration first
/// asks every reachable member whether the name is free (a claim round, so registrations racing inside a connected
/// cluster do not both succeed), then replicates. Names of a lost member are dropped; when members meet again (a
/// partition heals) they exchange their names and every node applies the same conflict rule
/// (<see cref="ConflictRule"/>): the loser's own node unregisters it and stops it with
/// <c>{shutdown, {global_name_conflict, Name}}</c>, so each name ends up held exactly once.
/// <para>
/// A node keeps every registration it hears of, per owner, and shows the one the rule picks. The losers are kept until
/// their owners withdraw them: if the winner goes first (its node is lost, or it is unregistered) before the loser's
/// owner heard of it, the loser — still running — becomes the visible holder again instead of the name looking free
/// while a process holds it.
/// </para>
/// </summary>
internal sealed class GlobalRegistryServer : GenServer
{
    private readonly GlobalRegistry _handle;
    private readonly string _self;
    private readonly ILogger _logger;
    private readonly TimeSpan _claimTimeout;
    private readonly ConflictRule _rule;

    // The visible holder of each name (the rule's pick among _known), as the replica shows it.
    private readonly Dictionary<string, GlobalRegistration> _names = new(StringComparer.Ordinal);

    // Every registration heard of, by name and then owner node (an owner holds a name at most once).
    private readonly Dictionary<string, Dictionary<string, GlobalRegistration>> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<Pid, (MonitorRef Monitor, HashSet<string> Names)> _owned = new();
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PendingClaim> _pending = new();
    private readonly Dictionary<string, GlobalRegistration> _claiming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GlobalRegistration> _promised = new(StringComparer.Ordinal);
    private long _nextReference;
    private long _lastStamp;

    public GlobalRegistryServer(GlobalRegistry handle, ArborCluster cluster, TimeSpan claimTimeout, GlobalNameResolver? resolver)
    {
        _handle = handle;
        _self = cluster.Self;
        _claimTimeout = claimTimeout;
        _logger = Node.LoggerFactory.CreateLogger("Arbor.Cluster");
        _rule = new ConflictRule(resolver, _logger);
        cluster.Subscribe(Self);
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        switch (call)
        {
            case RegisterGlobalCall register:
                Register(register);
                return default;
            case UnregisterGlobalCall unregister:
                Reply(unregister, TryOwn(unregister.Name, out var held) && RemoveOwned(unregister.Name, held.Pid, broadcast: true));
                return default;
            default:
                return base.HandleCallAsync(call);
        }
    }

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case MemberJoined joined:
                _members.Add(joined.Node);
                Node.Send(GlobalWire.ServiceName, joined.Node, GlobalWire.SyncOf(Self, OwnedRegistrations()));
                break;
            case MemberEvent gone:
                OnMemberGone(gone.Node);
                break;
            case Down down:
                OnDown(down);
                break;
            case ClaimTimedOut timedOut when _pending.TryGetValue(timedOut.Reference, out var claim):
                _logger.LogWarning("Global name {Name}: members {Members} did not answer the claim in time; registering anyway", claim.Registration.Name, string.Join(", ", claim.Awaiting));
                claim.Awaiting.Clear();
                Finish(timedOut.Reference, claim);
                break;
            case ClaimTimedOut:
                break; // the claim finished before its timer fired
            case ErlangTuple { Count: >= 3 } tuple when tuple[0] is Atom tag && tag == GlobalWire.Tag && tuple[1] is Atom kind:
                OnWire(kind, tuple);
                break;
            default:
                return base.HandleInfoAsync(message);
        }

        return default;
    }

    private void Register(RegisterGlobalCall call)
    {
        if (_names.TryGetValue(call.Name, out var holder) || _claiming.TryGetValue(call.Name, out holder) || _promised.TryGetValue(call.Name, out holder))
        {
            Reply(call, holder);
            return;
        }

        _lastStamp = Math.Max(DateTime.UtcNow.Ticks, _lastStamp + 1);
        var registration = new GlobalRegistration(call.Name, call.Pid, _self, _lastStamp);
        var reference = ++_nextReference;
        var claim = new PendingClaim(registration, DeferReply(call), new HashSet<string>(_members, StringComparer.Ordinal));
        _pending[reference] = claim;
        _claiming[call.Name] = registration;
        foreach (var member in _members)
        {
            Node.Send(GlobalWire.ServiceName, member, GlobalWire.ClaimOf(Self, reference, call.Name, registration.Stamp, call.Pid));
        }

        if (claim.Awaiting.Count == 0)
        {
            Finish(reference, claim);
        }
        else
        {
            Tick(_claimTimeout, new ClaimTimedOut(reference));
        }
    }

    /// <summary>All answers are in (or the wait is over): commit, or release the members' promises.</summary>
    private void Finish(long reference, PendingClaim claim)
    {
        _pending.Remove(reference);
        var registration = claim.Registration;
        _claiming.Remove(registration.Name);
        if (claim.RefusedBy is null && !_names.ContainsKey(registration.Name) && registration.Pid.IsAlive)
        {
            Put(registration);
            Own(registration);
            Broadcast(GlobalWire.AddOf(Self, registration));
            claim.Reply.Reply(null);
            return;
        }

        Broadcast(GlobalWire.ReleaseOf(Self, registration.Name));
        claim.Reply.Reply(_names.TryGetValue(registration.Name, out var holder) ? holder : claim.RefusedBy ?? registration with { Pid = Pid.None });
    }

    private void OnWire(Atom kind, ErlangTuple tuple)
    {
        if (kind == GlobalWire.Claim && tuple.Count == 7 && tuple[2] is Pid from && from.Node is { } owner && tuple[3] is long reference &&
            GlobalWire.NameOf(tuple[4]) is { } name && tuple[5] is long stamp && tuple[6] is Pid pid)
        {
            OnClaim(from, reference, new GlobalRegistration(name, pid, owner, stamp));
        }
        else if (kind == GlobalWire.ClaimReply && tuple.Count == 5 && tuple[2] is long answered && tuple[3] is bool free &&
                 tuple[4] is ErlangTuple { Count: 3 } detail && detail[2] is Atom replier && _pending.TryGetValue(answered, out var claim))
        {
            if (!free && claim.RefusedBy is null)
            {
                claim.RefusedBy = detail[0] is Pid holderPid && detail[1] is long holderStamp
                    ? new GlobalRegistration(claim.Registration.Name, holderPid, holderPid.Node ?? _self, holderStamp)
                    : claim.Registration with { Pid = Pid.None };
            }

            if (claim.Awaiting.Remove(replier.Name) && claim.Awaiting.Count == 0)
            {
                Finish(answered, claim);
            }
        }
        else if (kind == GlobalWire.Add && tuple.Count == 6 && tuple[2] is Pid adder && adder.Node is { } addOwner &&
                 GlobalWire.NameOf(tuple[3]) is { } added && tuple[4] is Pid addedPid && tuple[5] is long addedStamp)
        {
            _promised.Remove(added);
            Merge(new GlobalRegistration(added, addedPid, addOwner, addedStamp));
        }
        else if (kind == GlobalWire.Remove && tuple.Count == 5 && tuple[2] is Pid remover && remover.Node is { } removeOwner &&
                 GlobalWire.NameOf(tuple[3]) is { } removed && tuple[4] is Pid removedPid)
        {
            if (TryKnown(removed, removeOwner, out var current) && current.Pid == removedPid)
            {
                Drop(removed, removeOwner);
            }
        }
        else if (kind == GlobalWire.Release && tuple.Count == 4 && tuple[2] is Pid releaser && GlobalWire.NameOf(tuple[3]) is { } released &&
                 _promised.TryGetValue(released, out var promise) && promise.Owner == releaser.Node)
        {
            _promised.Remove(released);
        }
        else if (kind == GlobalWire.Sync && tuple.Count == 4 && tuple[2] is Pid syncer && syncer.Node is { } syncOwner && tuple[3] is ErlangList entries)
        {
            OnSync(syncOwner, entries);
        }
    }

    /// <summary>A member asks whether a name is free: no holder, no own claim that wins, no promise to another claimer that wins.</summary>
    private void OnClaim(Pid from, long reference, GlobalRegistration claim)
    {
        GlobalRegistration? blocker = null;
        if (_names.TryGetValue(claim.Name, out var holder) && holder.Pid != claim.Pid)
        {
            blocker = holder;
        }
        else if (_claiming.TryGetValue(claim.Name, out var own) && own.WinsOver(claim))
        {
            blocker = own;
        }
        else if (_promised.TryGetValue(claim.Name, out var promised) && promised.Owner != claim.Owner && promised.WinsOver(claim))
        {
            blocker = promised;
        }

        if (blocker is null)
        {
            _promised[claim.Name] = claim;
        }

        // The reply names the replier (so the claimer can count answers) and, when refused, the blocking holder.
        from.Send(GlobalWire.ClaimReplyOf(reference, blocker, _self));
    }

    /// <summary>A node's full list of names replaces what this node knew of it; every conflict is resolved by the rule.</summary>
    private void OnSync(string owner, ErlangList entries)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Elements)
        {
            if (entry is ErlangTuple { Count: 3 } tuple && GlobalWire.NameOf(tuple[0]) is { } name && tuple[1] is Pid pid && tuple[2] is long stamp)
            {
                listed.Add(name);
                _promised.Remove(name);
                Merge(new GlobalRegistration(name, pid, owner, stamp));
            }
        }

        foreach (var stale in NamesOwnedBy(owner, listed))
        {
            Drop(stale, owner);
        }
    }

    /// <summary>
    /// Takes in a registration from its owner node. When this node holds the name too and the conflict rule picks the
    /// incoming one, this node's holder loses: unregistered and stopped. A losing incoming registration is kept (not
    /// shown) until its owner withdraws it, having heard of the winner from this node's sync.
    /// </summary>
    private void Merge(GlobalRegistration incoming)
    {
        if (incoming.Owner == _self)
        {
            return; // only this node speaks for its own names
        }

        if (TryOwn(incoming.Name, out var own) && own.Pid != incoming.Pid && _rule.Winner(own, incoming) == incoming)
        {
            _logger.LogWarning("Global name {Name}: {Loser} loses to {Winner} on {Node} after the partition healed; stopping it", own.Name, own.Pid, incoming.Pid, incoming.Owner);
            RemoveOwned(own.Name, own.Pid, broadcast: true);
            Exit(own.Pid, GlobalRegistry.ConflictReason(own.Name));
        }

        Put(incoming);
    }

    private void OnDown(Down down)
    {
        if (_owned.TryGetValue(down.Pid, out var owned) && owned.Monitor == down.Ref)
        {
            foreach (var name in new List<string>(owned.Names))
            {
                RemoveOwned(name, down.Pid, broadcast: true);
            }
        }
    }

    private void OnMemberGone(string node)
    {
        _members.Remove(node);
        foreach (var name in NamesOwnedBy(node, keep: null))
        {
            Drop(name, node);
        }

        foreach (var (name, promise) in new List<KeyValuePair<string, GlobalRegistration>>(_promised))
        {
            if (promise.Owner == node)
            {
                _promised.Remove(name);
            }
        }

        foreach (var (reference, claim) in new List<KeyValuePair<long, PendingClaim>>(_pending))
        {
            if (claim.Awaiting.Remove(node) && claim.Awaiting.Count == 0)
            {
                Finish(reference, claim);
            }
        }
    }

    /// <summary>The names <paramref name="owner"/> holds as far as this node knows, except those in <paramref name="keep"/>.</summary>
    private List<string> NamesOwnedBy(string owner, HashSet<string>? keep)
    {
        var names = new List<string>();
        foreach (var (name, byOwner) in _known)
        {
            if (byOwner.ContainsKey(owner) && (keep is null || !keep.Contains(name)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private bool TryKnown(string name, string owner, out GlobalRegistration registration)
    {
        registration = null!;
        return _known.TryGetValue(name, out var byOwner) && byOwner.TryGetValue(owner, out registration!);
    }

    /// <summary>This node's own registration of <paramref name="name"/> (when it has one, it is also the visible holder).</summary>
    private bool TryOwn(string name, out GlobalRegistration registration) => TryKnown(name, _self, out registration);

    private void Own(GlobalRegistration registration)
    {
        if (!_owned.TryGetValue(registration.Pid, out var owned))
        {
            owned = (Monitor(registration.Pid), new HashSet<string>(StringComparer.Ordinal));
            _owned[registration.Pid] = owned;
        }

        owned.Names.Add(registration.Name);
    }

    private bool RemoveOwned(string name, Pid pid, bool broadcast)
    {
        if (!TryOwn(name, out var current) || current.Pid != pid)
        {
            return false;
        }

        Drop(name, _self);
        if (_owned.TryGetValue(pid, out var owned))
        {
            owned.Names.Remove(name);
            if (owned.Names.Count == 0)
            {
                Demonitor(owned.Monitor, flush: true);
                _owned.Remove(pid);
            }
        }

        if (broadcast)
        {
            Broadcast(GlobalWire.RemoveOf(Self, name, pid));
        }

        return true;
    }

    private IEnumerable<GlobalRegistration> OwnedRegistrations()
    {
        foreach (var byOwner in _known.Values)
        {
            if (byOwner.TryGetValue(_self, out var registration))
            {
                yield return registration;
            }
        }
    }

    /// <summary>Records <paramref name="registration"/> as its owner's, replacing that owner's previous one of the name.</summary>
    private void Put(GlobalRegistration registration)
    {
        if (!_known.TryGetValue(registration.Name, out var byOwner))
        {
            byOwner = new Dictionary<string, GlobalRegistration>(StringComparer.Ordinal);
            _known[registration.Name] = byOwner;
        }

        byOwner[registration.Owner] = registration;
        Show(registration.Name);
    }

    /// <summary>Forgets <paramref name="owner"/>'s registration of <paramref name="name"/>.</summary>
    private void Drop(string name, string owner)
    {
        if (_known.TryGetValue(name, out var byOwner) && byOwner.Remove(owner))
        {
            if (byOwner.Count == 0)
            {
                _known.Remove(name);
            }

            Show(name);
        }
    }

    /// <summary>Makes the replica show the rule's pick among the known registrations of <paramref name="name"/> (or none).</summary>
    private void Show(string name)
    {
        GlobalRegistration? winner = null;
        if (_known.TryGetValue(name, out var byOwner))
        {
            // In owner order, so that every node holding the same registrations picks the same one.
            var owners = new List<string>(byOwner.Keys);
            owners.Sort(StringComparer.Ordinal);
            foreach (var owner in owners)
            {
                var candidate = byOwner[owner];
                winner = winner is null ? candidate : _rule.Winner(winner, candidate);
            }
        }

        if (winner is null)
        {
            if (_names.Remove(name))
            {
                _handle.View = _handle.View.Remove(name);
            }
        }
        else if (!_names.TryGetValue(name, out var shown) || shown != winner)
        {
            _names[name] = winner;
            _handle.View = _handle.View.SetItem(name, winner);
        }
    }

    private void Broadcast(object message)
    {
        foreach (var member in _members)
        {
            Node.Send(GlobalWire.ServiceName, member, message);
        }
    }

    /// <summary>A registration waiting for the members' answers.</summary>
    private sealed class PendingClaim(GlobalRegistration registration, ReplyTo<GlobalRegistration?> reply, HashSet<string> awaiting)
    {
        public GlobalRegistration Registration { get; } = registration;

        public ReplyTo<GlobalRegistration?> Reply { get; } = reply;

        public HashSet<string> Awaiting { get; } = awaiting;

        public GlobalRegistration? RefusedBy { get; set; }
    }

    /// <summary>A timer message to this process; none once the node is stopping (its timers are gone, and so is the need).</summary>
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
