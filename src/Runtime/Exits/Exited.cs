namespace Arbor;

/// <summary>
/// An exit signal turned into a message because the receiving process traps exits (OTP <c>{'EXIT', From, Reason}</c>).
/// </summary>
/// <param name="From">The linked process that exited, or the process that called <c>Exit</c> (<see cref="Pid.None"/> when sent from outside any process).</param>
/// <param name="Reason">The reason carried by the signal.</param>
public sealed record Exited(Pid From, ExitReason Reason);
