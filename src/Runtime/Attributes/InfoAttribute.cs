using System;

namespace Arbor;

/// <summary>
/// Marks a handler for any other message (OTP <c>handle_info</c>): plain sends, timer messages,
/// <see cref="Down"/> and trapped <see cref="Exited"/> notices. The handler's single parameter type selects the messages it receives.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class InfoAttribute : Attribute
{
    /// <summary>
    /// Runs this handler on the node's dirty schedulers (a few dedicated threads) instead of the scheduler threads
    /// ordinary processes share: for long CPU-bound or blocking work, as the BEAM's dirty schedulers. The process still
    /// handles one message at a time. The part of an asynchronous handler after its first <c>await</c> resumes as usual.
    /// </summary>
    public bool Dirty { get; set; }
}
