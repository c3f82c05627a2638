namespace Arbor;

/// <summary>How much of a crashed process's last message and state a crash report shows.</summary>
public enum CrashReportDetail
{
    /// <summary>
    /// The message and state as they print (<c>Counter.Add(5)</c>, the server's <c>ToString()</c>), as OTP's crash
    /// reports do: the most to debug with.
    /// </summary>
    Full,

    /// <summary>
    /// Only their types (<c>Counter.ArborMessages.AddCall</c>), for services whose messages or state carry personal or
    /// secret data that must not reach the logs. Applies to unexpected-message reports too.
    /// </summary>
    TypesOnly,
}
