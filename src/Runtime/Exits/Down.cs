namespace Arbor;

/// <summary>
/// The message a monitoring process receives when the monitored process exits (OTP <c>{'DOWN', Ref, process, Pid, Reason}</c>).
/// Monitoring a process that is already gone yields a <see cref="Down"/> with <see cref="ExitReason.NoProc"/> at once.
/// </summary>
/// <param name="Ref">The monitor reference returned by <c>Monitor</c>.</param>
/// <param name="Pid">The process that exited.</param>
/// <param name="Reason">Its exit reason.</param>
public sealed record Down(MonitorRef Ref, Pid Pid, ExitReason Reason);
