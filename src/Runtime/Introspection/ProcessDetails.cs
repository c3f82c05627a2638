using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>One process in full (<see cref="NodeIntrospection.GetProcess"/>), a snapshot.</summary>
/// <param name="Summary">Its row of the process table.</param>
/// <param name="Parent">The process that started it linked (its supervisor), or <see cref="Pid.None"/>.</param>
/// <param name="MaxMailboxLength">Its mailbox limit, or null.</param>
/// <param name="TrapExit">Whether it traps exits.</param>
/// <param name="LinkedWith">The local processes it is linked with.</param>
/// <param name="MonitoredBy">The local processes holding a monitor on it (one entry per monitor).</param>
/// <param name="Monitors">How many monitors it holds on others.</param>
/// <param name="Running">What it is handling now, or null.</param>
/// <param name="State">
/// Its state as its server describes it (a GenServer's <c>ToString</c>, a state machine's state and data), bounded and
/// guarded: a throwing <c>ToString</c> shows as such. Read from the caller's thread without stopping the process, so it
/// may show a state the process is in the middle of changing.
/// </param>
/// <param name="LastCrash">
/// When its supervisor restarted it: the abnormal exit of the incarnation it replaced; otherwise null.
/// </param>
public sealed record ProcessDetails(
    ProcessSummary Summary,
    Pid Parent,
    int? MaxMailboxLength,
    bool TrapExit,
    IReadOnlyList<Pid> LinkedWith,
    IReadOnlyList<Pid> MonitoredBy,
    int Monitors,
    CurrentTurn? Running,
    string? State,
    LastExit? LastCrash);
