using System;

namespace Arbor.Scheduling;

/// <summary>
/// A process's turn as the watchdog sees it: the handler running and for how long (at least). What a process-info or
/// dashboard API shows for "currently running"; <see cref="IsLong"/> marks a turn past the node's long-turn threshold.
/// </summary>
/// <param name="Pid">The process.</param>
/// <param name="Server">The behaviour's type name (<c>Counter</c>), or <c>not initialised</c>.</param>
/// <param name="Handler">What it is handling: <c>call Add</c>, <c>cast Reset</c>, <c>info Tick</c>, <c>init</c>.</param>
/// <param name="RunningFor">How long the watchdog has seen this turn running (it may have started up to one pass earlier).</param>
/// <param name="IsLong">True once the turn has passed the node's <see cref="ArborNodeOptions.LongTurnThreshold"/>.</param>
internal readonly record struct RunningTurn(Pid Pid, string Server, string Handler, TimeSpan RunningFor, bool IsLong);
