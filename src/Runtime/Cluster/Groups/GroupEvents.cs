using System.Collections.Generic;

namespace Arbor.Cluster;

/// <summary>A change of a monitored group (<see cref="ProcessGroups.MonitorAsync"/>), delivered as an info message.</summary>
/// <param name="Scope">The scope's name.</param>
/// <param name="Group">The group.</param>
/// <param name="Pids">The processes that joined or left.</param>
public abstract record GroupChange(string Scope, object Group, IReadOnlyList<Pid> Pids);

/// <summary><paramref name="Pids"/> joined <paramref name="Group"/> (OTP <c>{Ref, join, Group, Pids}</c>).</summary>
/// <param name="Scope">The scope's name.</param>
/// <param name="Group">The group.</param>
/// <param name="Pids">The processes that joined.</param>
public sealed record GroupJoined(string Scope, object Group, IReadOnlyList<Pid> Pids) : GroupChange(Scope, Group, Pids);

/// <summary>
/// <paramref name="Pids"/> left <paramref name="Group"/> (OTP <c>{Ref, leave, Group, Pids}</c>): they left, exited, or their
/// node was lost.
/// </summary>
/// <param name="Scope">The scope's name.</param>
/// <param name="Group">The group.</param>
/// <param name="Pids">The processes that left.</param>
public sealed record GroupLeft(string Scope, object Group, IReadOnlyList<Pid> Pids) : GroupChange(Scope, Group, Pids);
