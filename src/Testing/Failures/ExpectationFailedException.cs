using System;

namespace Arbor.Testing;

/// <summary>
/// An expectation of the test kit was not met: a message that did not arrive in time or was not the one expected, a log
/// entry that was never written, a process that outlived its test. Test frameworks report it as a failed test; the message
/// says what was expected and what happened instead.
/// </summary>
public class ExpectationFailedException : Exception
{
    /// <summary>Creates the exception with its explanation.</summary>
    public ExpectationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its explanation and the failure that caused it.</summary>
    public ExpectationFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
