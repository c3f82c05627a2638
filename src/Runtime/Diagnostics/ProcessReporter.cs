using System;
using Arbor.Protocol;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>
/// Crash reports and other process reports, through <see cref="ILogger"/> (category <c>Arbor.Process</c>).
/// Exits with <c>normal</c> or <c>shutdown</c> reasons log nothing, as in OTP.
/// </summary>
internal sealed class ProcessReporter
{
    private static readonly Action<ILogger, string, string, string, string, string, Exception?> s_crashed =
        LoggerMessage.Define<string, string, string, string, string>(
            LogLevel.Error,
            new EventId(1, "ProcessCrashed"),
            "Process {Pid} ({Name}) terminated with reason {Reason}; last message: {LastMessage}; state: {State}");

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

    private readonly ILogger _logger;

    public ProcessReporter(ILoggerFactory loggerFactory) => _logger = loggerFactory.CreateLogger("Arbor.Process");

    public void ProcessCrashed(Process process, ExitReason reason, Envelope? lastMessage)
    {
        if (reason.IsOrderly || !_logger.IsEnabled(LogLevel.Error))
        {
            return;
        }

        s_crashed(
            _logger,
            process.Pid.ToString(),
            process.RegisteredName ?? "anonymous",
            reason.ToString(),
            lastMessage?.ToString() ?? "none",
            process.Behavior?.DescribeState() ?? "not initialised",
            reason.Exception);
    }

    public void UnexpectedInfo(Process process, object message)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            s_unexpectedInfo(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", message.ToString() ?? message.GetType().Name, null);
        }
    }

    public void ExitCallbackFailed(Process process, Exception exception)
    {
        if (_logger.IsEnabled(LogLevel.Error))
        {
            s_exitCallbackFailed(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", exception);
        }
    }
}
