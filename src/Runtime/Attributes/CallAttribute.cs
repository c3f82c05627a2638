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

    /// <summary>
    /// Runs this handler on the node's dirty schedulers (a few dedicated threads) instead of the scheduler threads
    /// ordinary processes share: for long CPU-bound or blocking work, as the BEAM's dirty schedulers. The process still
    /// handles one message at a time. The part of an asynchronous handler after its first <c>await</c> resumes as usual.
    /// </summary>
    public bool Dirty { get; set; }
}
