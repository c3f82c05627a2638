using System.Collections.Generic;
using Arbor.Protocol;

namespace Arbor.Cluster.Groups;

/// <summary>Join local <see cref="Pids"/> to <see cref="Group"/> (OTP <c>pg:join/3</c>).</summary>
internal sealed class JoinCall(object group, IReadOnlyList<Pid> pids) : CallMessage<bool>
{
    public object Group { get; } = group;

    public IReadOnlyList<Pid> Pids { get; } = pids;

    public override string ToString() => $"pg_join({Group})";
}

/// <summary>Remove local <see cref="Pids"/> from <see cref="Group"/> once each (OTP <c>pg:leave/3</c>); false if none was a member.</summary>
internal sealed class LeaveGroupCall(object group, IReadOnlyList<Pid> pids) : CallMessage<bool>
{
    public object Group { get; } = group;

    public IReadOnlyList<Pid> Pids { get; } = pids;

    public override string ToString() => $"pg_leave({Group})";
}

/// <summary>Watch a group (null: every group of the scope); answers the current members.</summary>
internal sealed class MonitorGroupCall(Pid watcher, object? group, bool monitor) : CallMessage<IReadOnlyList<Pid>>
{
    public Pid Watcher { get; } = watcher;

    public object? Group { get; } = group;

    public bool Monitor { get; } = monitor;

    public override string ToString() => $"pg_monitor({Group})";
}
