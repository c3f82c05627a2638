using System;

namespace Arbor;

/// <summary>
/// Marks a handler for any other message (OTP <c>handle_info</c>): plain sends, timer messages,
/// <see cref="Down"/> and trapped <see cref="Exited"/> notices. The handler's single parameter type selects the messages it receives.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class InfoAttribute : Attribute
{
}
