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
    private readonly CrashReportDetail _detail;

    public ProcessReporter(ILoggerFactory loggerFactory, CrashReportDetail detail)
    {
        _logger = loggerFactory.CreateLogger("Arbor.Process");
        _detail = detail;
    }

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
            lastMessage is null ? "none" : Describe(lastMessage is InfoEnvelope info ? info.Message : lastMessage),
            process.Behavior is { } behavior ? (_detail == CrashReportDetail.Full ? behavior.DescribeState() : TypeName(behavior)) : "not initialised",
            reason.Exception);
    }

    public void UnexpectedInfo(Process process, object message)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            s_unexpectedInfo(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", Describe(message), null);
        }
    }

    public void ExitCallbackFailed(Process process, Exception exception)
    {
        if (_logger.IsEnabled(LogLevel.Error))
        {
            s_exitCallbackFailed(_logger, process.Pid.ToString(), process.RegisteredName ?? "anonymous", exception);
        }
    }

    private string Describe(object message) =>
        _detail == CrashReportDetail.Full ? message.ToString() ?? TypeName(message) : TypeName(message);

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
