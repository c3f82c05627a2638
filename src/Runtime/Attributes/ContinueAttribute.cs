using System;

namespace Arbor;

/// <summary>
/// Marks a continue handler (OTP <c>handle_continue</c>): it runs right after the handler that called
/// <see cref="GenServer.Continue(object)"/>, before any queued message. Its single parameter type selects the continue arguments it receives.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ContinueAttribute : Attribute
{
    /// <summary>
    /// Runs this handler on the node's dirty schedulers (a few dedicated threads) instead of the scheduler threads
    /// ordinary processes share: for long CPU-bound or blocking work, as the BEAM's dirty schedulers. The process still
    /// handles one message at a time. The part of an asynchronous handler after its first <c>await</c> resumes as usual.
    /// </summary>
    public bool Dirty { get; set; }
}
