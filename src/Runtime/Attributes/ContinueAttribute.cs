using System;

namespace Arbor;

/// <summary>
/// Marks a continue handler (OTP <c>handle_continue</c>): it runs right after the handler that called
/// <see cref="GenServer.Continue(object)"/>, before any queued message. Its single parameter type selects the continue arguments it receives.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ContinueAttribute : Attribute
{
}
