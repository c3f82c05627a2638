using System;

namespace Arbor.Introspection;

/// <summary>What a crash-log entry reports.</summary>
public enum CrashKind
{
    /// <summary>A process exited with an abnormal reason (the crash report).</summary>
    ProcessCrashed,

    /// <summary>A supervisor saw a child terminate (the supervisor report).</summary>
    ChildTerminated,

    /// <summary>A supervisor passed its restart intensity and shut down.</summary>
    IntensityReached,
}

/// <summary>One entry of the node's recent crash log (<see cref="NodeIntrospection.RecentCrashes"/>).</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">Crash report or supervisor report.</param>
/// <param name="Pid">The process that crashed (or the child that terminated).</param>
/// <param name="Name">Its registered name, if any.</param>
/// <param name="Behavior">Its behaviour's type name, if known.</param>
/// <param name="Supervisor">The reporting supervisor (supervisor reports), else <see cref="Pid.None"/>.</param>
/// <param name="ChildId">The child's id (supervisor reports), else null.</param>
/// <param name="Reason">The exit reason, rendered (bounded; a throwing <c>ToString</c> cannot break it).</param>
public sealed record CrashRecord(
    DateTimeOffset At,
    CrashKind Kind,
    Pid Pid,
    string? Name,
    string? Behavior,
    Pid Supervisor,
    string? ChildId,
    string Reason);
