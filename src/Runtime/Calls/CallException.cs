using System;

namespace Arbor;

/// <summary>Base class of the typed failures of a call (OTP's <c>exit({Reason, {gen_server, call, ...}})</c>).</summary>
/// <remarks>
/// The message names the request as its <c>ToString</c> prints it. It is rendered when first read, not when the call
/// fails, so a timeout costs the timer thread nothing, and the rendering is guarded and bounded: a request whose
/// <c>ToString</c> throws is named by a placeholder, a very long one is truncated.
/// </remarks>
public abstract class CallException : Exception
{
    private readonly object _request;
    private string? _message;

    private protected CallException(Pid target, object request, Exception? inner = null)
        : base(null, inner)
    {
        Target = target;
        _request = request;
    }

    /// <summary>The process that was called.</summary>
    public Pid Target { get; }

    /// <inheritdoc/>
    public override string Message => _message ??= Format(GuardedText.Of(_request));

    /// <summary>The message, given the rendered request.</summary>
    private protected abstract string Format(string request);
}

/// <summary>The call was not answered within its timeout. A reply that arrives later is dropped.</summary>
public sealed class CallTimeoutException : CallException
{
    /// <summary>Creates the exception.</summary>
    public CallTimeoutException(Pid target, TimeSpan timeout, string request)
        : this(target, timeout, (object)request)
    {
    }

    internal CallTimeoutException(Pid target, TimeSpan timeout, object request)
        : base(target, request) => Timeout = timeout;

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    private protected override string Format(string request) =>
        $"Call {request} to {Target} timed out after {Timeout.TotalMilliseconds:0.###} ms.";
}

/// <summary>The called process did not exist (it never existed or had already exited): OTP's <c>noproc</c>.</summary>
public sealed class NoProcessException : CallException
{
    /// <summary>Creates the exception.</summary>
    public NoProcessException(Pid target, string request)
        : this(target, (object)request)
    {
    }

    internal NoProcessException(Pid target, object request)
        : base(target, request)
    {
    }

    private protected override string Format(string request) => $"Call {request} to {Target} failed: no such process (noproc).";
}

/// <summary>The called process exited before replying; <see cref="Reason"/> is its exit reason.</summary>
public sealed class ProcessExitedException : CallException
{
    /// <summary>Creates the exception.</summary>
    public ProcessExitedException(Pid target, ExitReason reason, string request)
        : this(target, reason, (object)request)
    {
    }

    internal ProcessExitedException(Pid target, ExitReason reason, object request)
        : base(target, request, reason.Exception) => Reason = reason;

    /// <summary>The exit reason of the called process.</summary>
    public ExitReason Reason { get; }

    private protected override string Format(string request) =>
        $"Call {request} to {Target} failed: the process exited with reason {Reason}.";
}

/// <summary>A process called itself: that would deadlock, so it fails at once (OTP's <c>calling_self</c>).</summary>
public sealed class CallingSelfException : CallException
{
    /// <summary>Creates the exception.</summary>
    public CallingSelfException(Pid target, string request)
        : this(target, (object)request)
    {
    }

    internal CallingSelfException(Pid target, object request)
        : base(target, request)
    {
    }

    private protected override string Format(string request) =>
        $"Call {request}: process {Target} called itself, which would deadlock (calling_self).";
}
