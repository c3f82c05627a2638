using System;

namespace Arbor.Introspection;

/// <summary>One row of the process table (<see cref="NodeIntrospection.ListProcesses"/>); values may change right after they are read.</summary>
/// <param name="Pid">The process.</param>
/// <param name="RegisteredName">Its registered name, if any.</param>
/// <param name="Behavior">Its behaviour's type name (<c>Counter</c>), or null before init has created it.</param>
/// <param name="MailboxDepth">Messages waiting (counted up to <see cref="NodeIntrospection.ListQueueCap"/>).</param>
/// <param name="MessagesHandled">Messages handled while some observation was open (see <see cref="NodeIntrospection.Observe"/>).</param>
/// <param name="BusyTime">Time spent in its turns (handling messages) while some observation was open.</param>
/// <param name="Links">How many processes it is linked with.</param>
/// <param name="MonitoredBy">How many monitors others hold on it.</param>
/// <param name="CurrentHandler">What it is handling right now (<c>call Add</c>), or null when it is not running.</param>
public sealed record ProcessSummary(
    Pid Pid,
    string? RegisteredName,
    string? Behavior,
    int MailboxDepth,
    long MessagesHandled,
    TimeSpan BusyTime,
    int Links,
    int MonitoredBy,
    string? CurrentHandler);
