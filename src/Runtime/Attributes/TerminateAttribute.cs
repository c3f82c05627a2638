using System;

namespace Arbor;

/// <summary>
/// Marks the terminate hook (OTP <c>terminate/2</c>): <c>void M(ExitReason reason)</c> or <c>ValueTask M(ExitReason reason)</c>.
/// It runs when the server stops, when a handler crashes, and on a parent's shutdown when the server traps exits;
/// it does not run when the process is killed or exits because of an untrapped exit signal.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class TerminateAttribute : Attribute
{
}
