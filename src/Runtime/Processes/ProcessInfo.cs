namespace Arbor;

/// <summary>
/// A snapshot of a live process (OTP <c>process_info/1</c>, the part a dashboard needs), from
/// <see cref="ArborNode.GetProcessInfo(Pid)"/>. Values may change the moment after they are read.
/// </summary>
/// <param name="Pid">The process.</param>
/// <param name="RegisteredName">Its registered name, if any.</param>
/// <param name="Parent">The process that started it linked (its supervisor), or <see cref="Pid.None"/>.</param>
/// <param name="Behavior">The behaviour type's name (<c>Counter</c>), or null while init has not created it.</param>
/// <param name="MessageQueueLength">
/// Messages waiting to be handled (OTP <c>message_queue_len</c>): its mailbox plus the rest of the batch being handled.
/// Exact when the process is quiet, approximate while messages arrive; counting stops at <see cref="ArborNode.ProcessInfoQueueCap"/>.
/// </param>
/// <param name="MaxMailboxLength">The mailbox limit (<see cref="StartOptions.MaxMailboxLength"/>), or null when there is none.</param>
/// <param name="TrapExit">Whether it traps exits.</param>
/// <param name="Links">How many processes it is linked with.</param>
/// <param name="MonitoredBy">How many monitors others hold on it.</param>
public sealed record ProcessInfo(
    Pid Pid,
    string? RegisteredName,
    Pid Parent,
    string? Behavior,
    int MessageQueueLength,
    int? MaxMailboxLength,
    bool TrapExit,
    int Links,
    int MonitoredBy);
