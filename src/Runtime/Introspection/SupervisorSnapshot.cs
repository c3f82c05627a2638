using System;
using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>A supervisor and its children, as it answered (<see cref="NodeIntrospection.GetSupervisionTreeAsync(TimeSpan?, System.Threading.CancellationToken)"/>).</summary>
/// <param name="Pid">The supervisor.</param>
/// <param name="Name">Its registered name, if any.</param>
/// <param name="Strategy"><c>OneForOne</c>, <c>OneForAll</c>, <c>RestForOne</c> or <c>Dynamic</c>.</param>
/// <param name="MaxRestarts">Its restart intensity: at most this many restarts...</param>
/// <param name="Within">...within this period.</param>
/// <param name="Children">
/// Its children in start order, all of them or the window asked for (from <see cref="ChildOffset"/>, see
/// <see cref="ChildCount"/> for all); empty when <see cref="Responded"/> is false.
/// </param>
/// <param name="Responded">False when it did not answer in time (busy restarting or shutting down) or exited meanwhile.</param>
public sealed record SupervisorSnapshot(
    Pid Pid,
    string? Name,
    string Strategy,
    int MaxRestarts,
    TimeSpan Within,
    IReadOnlyList<ChildSnapshot> Children,
    bool Responded)
{
    /// <summary>How many children it has in all (<see cref="Children"/> may be a window of them).</summary>
    public int ChildCount { get; init; }

    /// <summary>The start-order position of the first of <see cref="Children"/>.</summary>
    public int ChildOffset { get; init; }

    /// <summary>How many of all its children (not only the window) are running.</summary>
    public int RunningCount { get; init; }

    /// <summary>The restarts of all its children (not only the window) added up.</summary>
    public long TotalRestarts { get; init; }
}

/// <summary>One child of a <see cref="SupervisorSnapshot"/>.</summary>
/// <param name="Id">The child's id (a dynamic supervisor's children share their spec's id).</param>
/// <param name="Pid">Its process, or <see cref="Pid.None"/> when not running.</param>
/// <param name="State">Running, restarting or not running.</param>
/// <param name="Type">Worker or supervisor.</param>
/// <param name="Restart">Permanent, transient or temporary.</param>
/// <param name="Restarts">How many times its supervisor has restarted it.</param>
/// <param name="LastExit">Its last abnormal exit, or null.</param>
/// <param name="Supervisor">For a running child supervisor, its own snapshot; otherwise null.</param>
public sealed record ChildSnapshot(
    string Id,
    Pid Pid,
    ChildState State,
    ChildType Type,
    Restart Restart,
    int Restarts,
    LastExit? LastExit,
    SupervisorSnapshot? Supervisor);
