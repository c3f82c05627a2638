using System;
using System.Threading;

namespace Arbor;

/// <summary>
/// A process identifier: printable (<c>&lt;0.42.0&gt;</c>), equatable and ordered like an Erlang pid.
/// </summary>
/// <remarks>
/// A local pid carries a direct reference to its process so that a send is a pointer dereference, not a table
/// lookup. <see cref="NodeId"/> is 0 for local processes; a remote pid (a process on another node, see
/// <c>docs/distribution.md</c>) has a non-zero node id naming the node and its incarnation, no local reference, and
/// its Erlang id and serial packed into <see cref="Id"/>; it prints as Erlang prints remote pids (<c>&lt;5.42.0&gt;</c>).
/// </remarks>
public readonly struct Pid : IEquatable<Pid>, IComparable<Pid>
{
    private static long s_lastId;

    internal readonly Process? Process;

    /// <summary>The process serial number, unique within this operating-system process.</summary>
    public long Id { get; }

    /// <summary>The node the process lives on; 0 means this node.</summary>
    public int NodeId { get; }

    internal Pid(Process process, long id)
    {
        Process = process;
        Id = id;
        NodeId = 0;
    }

    /// <summary>A remote pid: <paramref name="nodeId"/> names the node (non-zero), <paramref name="id"/> packs its Erlang id (low half) and serial.</summary>
    internal Pid(int nodeId, long id)
    {
        Process = null;
        Id = id;
        NodeId = nodeId;
    }

    /// <summary>The empty pid (no process).</summary>
    public static Pid None => default;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Id == 0;

    /// <summary>True when the process is on this node and has not exited yet (a snapshot: it may exit right after).</summary>
    public bool IsAlive => Process is { IsAlive: true };

    /// <summary>True for a process on another node.</summary>
    public bool IsRemote => NodeId != 0;

    /// <summary>The name of the node the process runs on (<c>alive@host</c>), or null for a local process.</summary>
    public string? Node => NodeId == 0 ? null : Arbor.Distribution.Nodes.RemoteNodeTable.Get(NodeId).Name.Name;

    /// <summary>
    /// The registered name this pid addresses on another node (OTP <c>{Name, Node}</c>), for a pid from
    /// <see cref="ArborNode.Whereis(string, string)"/>; null for a pid of a process.
    /// </summary>
    public string? RegisteredName => IsRemoteName ? Arbor.Distribution.Nodes.RemoteNameTable.Get((int)-Id).Name : null;

    /// <summary>True for a <c>{Name, Node}</c> address (a negative id, which no process has).</summary>
    internal bool IsRemoteName => NodeId != 0 && Id < 0;

    internal static long NextId() => Interlocked.Increment(ref s_lastId);

    /// <inheritdoc/>
    public bool Equals(Pid other) => Id == other.Id && NodeId == other.NodeId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Pid other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, NodeId);

    /// <inheritdoc/>
    public int CompareTo(Pid other)
    {
        var byNode = NodeId.CompareTo(other.NodeId);
        return byNode != 0 ? byNode : Id.CompareTo(other.Id);
    }

    /// <summary>Equality by node and serial.</summary>
    public static bool operator ==(Pid left, Pid right) => left.Equals(right);

    /// <summary>Inequality by node and serial.</summary>
    public static bool operator !=(Pid left, Pid right) => !left.Equals(right);

    /// <summary>Ordering by node, then serial.</summary>
    public static bool operator <(Pid left, Pid right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by node, then serial.</summary>
    public static bool operator >(Pid left, Pid right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by node, then serial.</summary>
    public static bool operator <=(Pid left, Pid right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by node, then serial.</summary>
    public static bool operator >=(Pid left, Pid right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Erlang notation: <c>&lt;0.serial.0&gt;</c> for a local process, <c>&lt;node.id.serial&gt;</c> for a remote one,
    /// <c>{name, node@host}</c> for a remote registered name.
    /// </summary>
    public override string ToString() =>
        IsNone ? "<none>"
        : NodeId == 0 ? $"<0.{Id}.0>"
        : IsRemoteName ? $"{{{RegisteredName}, {Node}}}"
        : $"<{NodeId}.{(uint)Id}.{(uint)(Id >> 32)}>";
}
