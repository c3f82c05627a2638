using System;
using System.Globalization;
using System.Linq;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>
/// Crash reports and other process reports, through <see cref="ILogger"/> (category <c>Arbor.Process</c>).
/// Exits with <c>normal</c> or <c>shutdown</c> reasons log nothing, as in OTP.
/// </summary>
internal sealed class ProcessReporter
{
    private static readonly Action<ILogger, string, string, string, string, string, string, Exception?> s_crashed =
        LoggerMessage.Define<string, string, string, string, string, string>(
            LogLevel.Error,
            new EventId(1, "ProcessCrashed"),
            "Process {Pid} ({Name}) terminated with reason {Reason}; last message: {LastMessage}; client: {Client}; state: {State}");

    private static readonly Action<ILogger, string, string, string, Exception?> s_unexpectedInfo =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Warning,
            new EventId(2, "UnexpectedInfo"),
            "Process {Pid} ({Name}) received an unexpected message and dropped it: {Message}");

    private static readonly Action<ILogger, string, string, Exception?> s_exitCallbackFailed =
        LoggerMessage.Define<string, string>(
            LogLevel.Error,
            new EventId(3, "ExitCallbackFailed"),
            "Process {Pid} ({Name}) exited; a callback registered on its exit token threw");

    private static readonly Action<ILogger, string, string, Exception?> s_remoteExitNoticeFailed =
        LoggerMessage.Define<string, string>(
            LogLevel.Error,
            new EventId(6, "RemoteExitNoticeFailed"),
            "Process {Pid} ({Name}) exited; telling its remote links and monitors failed, so they will see noconnection");

    private static readonly Action<ILogger, string, string, Exception?> s_handlerOutlivedKill =
        LoggerMessage.Define<string, string>(
            LogLevel.Warning,
            new EventId(4, "HandlerOutlivedKill"),
            "Process {Pid} ({Name}) was killed while its handler was running; the handler's thread runs on until it returns, and what it does is dropped");

    private static readonly Action<ILogger, string, string, int, Exception?> s_mailboxOverflow =
        LoggerMessage.Define<string, string, int>(
            LogLevel.Error,
            new EventId(5, "MailboxOverflow"),
            "Process {Pid} ({Name}) was killed with reason mailbox_overflow: its mailbox passed its limit of {Limit} messages");

    private readonly ILogger _logger;
    private readonly CrashReportDetail _detail;

    public ProcessReporter(ILoggerFactory loggerFactory, CrashReportDetail detail)
    {
        _logger = loggerFactory.CreateLogger("Arbor.Process");
        _detail = detail;
    }

    /// <summary>
    /// Writes a crash report. Never throws: the message and state are rendered through <see cref="GuardedText"/>, and a
    /// logging provider that fails (an I/O error, or formatting an exception whose <c>ToString</c> throws) is retried once
    /// without the exception object, then given up — a broken logger loses the entry, never the exit sequence.
    /// </summary>
    public void ProcessCrashed(Process process, ExitReason reason, Envelope? lastMessage)
    {
        if (reason.IsOrderly || !IsEnabled(LogLevel.Error))
        {
            return;
        }

        var pid = process.Pid.ToString();
        var name = process.RegisteredName ?? "anonymous";
        var reasonText = reason.ToString();
        var messageText = lastMessage is null ? "none" : Describe(lastMessage is InfoEnvelope info ? info.Message : lastMessage);
        var client = lastMessage is CallMessage { CallerProcess: { } caller } ? caller.ToString() : lastMessage is CallMessage ? "not a process" : "none";
        var state = process.Behavior is { } behavior ? (_detail == CrashReportDetail.Full ? DescribeState(behavior) : TypeName(behavior)) : "not initialised";
        if (!TryLog(() => s_crashed(_logger, pid, name, reasonText, messageText, client, state, reason.Exception)) && reason.Exception is not null)
        {
            TryLog(() => s_crashed(_logger, pid, name, reasonText, messageText, client, state, null));
        }
    }

    public void UnexpectedInfo(Process process, object message)
    {
        if (IsEnabled(LogLevel.Warning))
        {
            var text = Describe(message);
            TryLog(() => s_unexpectedInfo(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", text, null));
        }
    }

    public void ExitCallbackFailed(Process process, Exception exception)
    {
        if (IsEnabled(LogLevel.Error))
        {
            TryLog(() => s_exitCallbackFailed(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", exception));
        }
    }

    /// <summary>The distribution layer could not send a process's exit to its remote links and monitors.</summary>
    public void RemoteExitNoticeFailed(Process process, Exception exception)
    {
        if (IsEnabled(LogLevel.Error))
        {
            TryLog(() => s_remoteExitNoticeFailed(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", exception));
        }
    }

    /// <summary>A killed process's handler was still running: its thread goes on until the handler returns, and what it does is dropped.</summary>
    public void HandlerOutlivedKill(Process process)
    {
        if (IsEnabled(LogLevel.Warning))
        {
            TryLog(() => s_handlerOutlivedKill(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", null));
        }
    }

    /// <summary>A process was killed because its mailbox passed its limit.</summary>
    public void MailboxOverflow(Process process, int limit)
    {
        if (IsEnabled(LogLevel.Error))
        {
            TryLog(() => s_mailboxOverflow(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", limit, null));
        }
    }

    private bool IsEnabled(LogLevel level) => GuardedLog.IsEnabled(_logger, level);

    private static bool TryLog(Action write) => GuardedLog.TryWrite(write);

    private string Describe(object message) =>
        _detail == CrashReportDetail.Full ? GuardedText.Of(message) : TypeName(message);

    private static string DescribeState(ProcessBehavior behavior)
    {
        try
        {
            return GuardedText.Bound(behavior.DescribeState());
        }
        catch (Exception)
        {
            return GuardedText.Of(behavior);
        }
    }

    /// <summary>A value's type as C# names it, without its namespace: <c>Counter.ArborMessages.AddCall</c>, <c>Cache&lt;String, Int32&gt;</c>.</summary>
    private static string TypeName(object value) => TypeName(value.GetType());

    private static string TypeName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            // Own type parameters are the last ones: a nested type also lists those of the types around it.
            var arity = int.Parse(name.AsSpan(tick + 1), CultureInfo.InvariantCulture);
            var arguments = type.GetGenericArguments();
            name = name[..tick] + "<" + string.Join(", ", arguments.Skip(arguments.Length - arity).Select(TypeName)) + ">";
        }

        return type.DeclaringType is { } outer ? TypeName(outer) + "." + name : name;
    }
}
