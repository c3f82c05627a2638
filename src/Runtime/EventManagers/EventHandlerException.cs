using System;

namespace Arbor.EventManagers;

/// <summary>
/// A request to one handler failed: there is no such handler in the manager (OTP <c>{error, bad_module}</c>), its
/// factory threw while it was being added, or it threw while answering a call (it was then removed).
/// </summary>
public sealed class EventHandlerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventHandlerException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
