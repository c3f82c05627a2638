using System;

namespace Arbor;

/// <summary>Base class of the typed failures of a call (OTP's <c>exit({Reason, {gen_server, call, ...}})</c>).</summary>
public abstract class CallException : Exception
{
    private protected CallException(Pid target, string message, Exception? inner = null)
        : base(message, inner) => Target = target;

    /// <summary>The process that was called.</summary>
    public Pid Target { get; }
}

/// <summary>The call was not answered within its timeout. A reply that arrives later is dropped.</summary>
public sealed class CallTimeoutException : CallException
{
    /// <summary>Creates the exception.</summary>
    public CallTimeoutException(Pid target, TimeSpan timeout, string request)
        : base(target, $"Call {request} to {target} timed out after {timeout.TotalMilliseconds:0.###} ms.") => Timeout = timeout;

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The called process did not exist (it never existed or had already exited): OTP's <c>noproc</c>.</summary>
public sealed class NoProcessException : CallException
{
    /// <summary>Creates the exception.</summary>
    public NoProcessException(Pid target, string request)
        : base(target, $"Call {request} to {target} failed: no such process (noproc).")
    {
    }
}

/// <summary>The called process exited before replying; <see cref="Reason"/> is its exit reason.</summary>
public sealed class ProcessExitedException : CallException
{
    /// <summary>Creates the exception.</summary>
    public ProcessExitedException(Pid target, ExitReason reason, string request)
        : base(target, $"Call {request} to {target} failed: the process exited with reason {reason}.", reason.Exception) => Reason = reason;

    /// <summary>The exit reason of the called process.</summary>
    public ExitReason Reason { get; }
}

/// <summary>A process called itself: that would deadlock, so it fails at once (OTP's <c>calling_self</c>).</summary>
public sealed class CallingSelfException : CallException
{
    /// <summary>Creates the exception.</summary>
    public CallingSelfException(Pid target, string request)
        : base(target, $"Call {request}: process {target} called itself, which would deadlock (calling_self).")
    {
    }
}
