using System;

namespace Arbor;

/// <summary>
/// Marks a fire-and-forget request handler (OTP <c>handle_cast</c>). The client method returns <c>void</c>
/// and never fails for the sender.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class CastAttribute : Attribute
{
    /// <summary>Overrides the generated message and client method name (used to disambiguate overloads).</summary>
    public string? Name { get; set; }
}
