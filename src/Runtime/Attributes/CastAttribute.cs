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

    /// <summary>
    /// Runs this handler on the node's dirty schedulers (a few dedicated threads) instead of the scheduler threads
    /// ordinary processes share: for long CPU-bound or blocking work, as the BEAM's dirty schedulers. The process still
    /// handles one message at a time. The part of an asynchronous handler after its first <c>await</c> resumes as usual.
    /// </summary>
    public bool Dirty { get; set; }
}
