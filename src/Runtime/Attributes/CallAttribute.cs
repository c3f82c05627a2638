using System;

namespace Arbor;

/// <summary>
/// Marks a synchronous request handler (OTP <c>handle_call</c>). The caller waits for the return value;
/// a handler that takes a <see cref="ReplyTo{T}"/> parameter instead replies later, possibly from another process.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class CallAttribute : Attribute
{
    /// <summary>Overrides the generated message and client method name (used to disambiguate overloads).</summary>
    public string? Name { get; set; }
}
