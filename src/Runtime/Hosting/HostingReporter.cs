using System;
using Microsoft.Extensions.Logging;

namespace Arbor.Hosting;

/// <summary>What the hosted root supervisor tells the host's log (category <c>Arbor.Hosting</c>).</summary>
internal sealed class HostingReporter
{
    private static readonly Action<ILogger, string, int, Exception?> s_rootStarted =
        LoggerMessage.Define<string, int>(
            LogLevel.Information,
            new EventId(200, "RootStarted"),
            "Arbor root supervisor {Pid} started with {ChildCount} children");

    private static readonly Action<ILogger, string, Exception?> s_rootStopped =
        LoggerMessage.Define<string>(
            LogLevel.Information,
            new EventId(201, "RootStopped"),
            "Arbor root supervisor {Pid} stopped");

    private static readonly Action<ILogger, string, Exception?> s_rootKilled =
        LoggerMessage.Define<string>(
            LogLevel.Warning,
            new EventId(202, "RootKilledAtShutdownTimeout"),
            "Arbor root supervisor {Pid} did not stop within the host's shutdown timeout; killing it and its tree");

    private static readonly Action<ILogger, string, string, Exception?> s_rootExited =
        LoggerMessage.Define<string, string>(
            LogLevel.Critical,
            new EventId(203, "RootExited"),
            "Arbor root supervisor {Pid} exited with reason {Reason} while the host was running");

    private readonly ILogger _logger;

    public HostingReporter(ILoggerFactory loggerFactory) => _logger = loggerFactory.CreateLogger("Arbor.Hosting");

    public void RootStarted(Pid root, int childCount) => GuardedLog.TryWrite(() => s_rootStarted(_logger, root.ToString(), childCount, null));

    public void RootStopped(Pid root) => GuardedLog.TryWrite(() => s_rootStopped(_logger, root.ToString(), null));

    public void RootKilledAtTimeout(Pid root) => GuardedLog.TryWrite(() => s_rootKilled(_logger, root.ToString(), null));

    public void RootExitedUnexpectedly(Pid root, ExitReason reason) => GuardedLog.TryWrite(() => s_rootExited(_logger, root.ToString(), reason.ToString(), reason.Exception));
}
