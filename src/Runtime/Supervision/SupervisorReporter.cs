using System;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>
/// Supervisor reports through <see cref="ILogger"/> (category <c>Arbor.Supervisor</c>), as OTP's progress and
/// supervisor reports: a child started, a child terminated with a reason, a failed start or shutdown, the restart
/// intensity reached, an automatic shutdown. Writes are guarded (see <see cref="GuardedLog"/>): a failing logging provider
/// never crashes the supervisor.
/// </summary>
internal sealed class SupervisorReporter
{
    /// <summary>The logger category.</summary>
    public const string Category = "Arbor.Supervisor";

    private static readonly Action<ILogger, string, string, string, Exception?> s_childStarted =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Information,
            new EventId(100, "ChildStarted"),
            "Supervisor {Supervisor} started child {ChildId} as {Pid}");

    private static readonly Action<ILogger, string, string, string, string, Exception?> s_childTerminated =
        LoggerMessage.Define<string, string, string, string>(
            LogLevel.Error,
            new EventId(101, "ChildTerminated"),
            "Supervisor {Supervisor}: child {ChildId} ({Pid}) terminated with reason {Reason}");

    private static readonly Action<ILogger, string, string, string, Exception?> s_startFailed =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Error,
            new EventId(102, "ChildStartFailed"),
            "Supervisor {Supervisor} failed to start child {ChildId}: {Reason}");

    private static readonly Action<ILogger, string, string, string, string, Exception?> s_shutdownError =
        LoggerMessage.Define<string, string, string, string>(
            LogLevel.Error,
            new EventId(103, "ChildShutdownError"),
            "Supervisor {Supervisor}: child {ChildId} ({Pid}) exited with reason {Reason} while being shut down");

    private static readonly Action<ILogger, string, int, double, string, Exception?> s_intensityReached =
        LoggerMessage.Define<string, int, double, string>(
            LogLevel.Error,
            new EventId(104, "RestartIntensityReached"),
            "Supervisor {Supervisor} reached its maximum restart intensity ({MaxRestarts} restarts within {WithinMs} ms) restarting child {ChildId}; it terminates its children and shuts down");

    private static readonly Action<ILogger, string, string, string, Exception?> s_autoShutdown =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Information,
            new EventId(105, "AutoShutdown"),
            "Supervisor {Supervisor} shuts down automatically: significant child {ChildId} exited with reason {Reason}");

    private readonly ILogger _logger;
    private readonly Process _supervisor;

    public SupervisorReporter(Process supervisor)
    {
        _supervisor = supervisor;
        _logger = supervisor.Node.LoggerFactory.CreateLogger(Category);
    }

    private string Name => GuardedText.Of(_supervisor);

    public void ChildStarted(ChildRecord child, Pid pid)
    {
        if (GuardedLog.IsEnabled(_logger, LogLevel.Information))
        {
            GuardedLog.TryWrite(() => s_childStarted(_logger, Name, child.Id, pid.ToString(), null));
        }
    }

    public void ChildTerminated(ChildRecord child, Pid pid, ExitReason reason)
    {
        _supervisor.Node.Introspection.Crashes.Add(
            Introspection.CrashRecords.FromSupervisor(Introspection.CrashKind.ChildTerminated, _supervisor, child, pid, Introspection.CrashRecords.Render(reason)));
        if (GuardedLog.IsEnabled(_logger, LogLevel.Error))
        {
            GuardedLog.TryWrite(() => s_childTerminated(_logger, Name, child.Id, pid.ToString(), reason.ToString(), reason.Exception));
        }
    }

    public void ChildStartFailed(ChildRecord child, ExitReason reason)
    {
        if (GuardedLog.IsEnabled(_logger, LogLevel.Error))
        {
            GuardedLog.TryWrite(() => s_startFailed(_logger, Name, child.Id, reason.ToString(), reason.Exception));
        }
    }

    public void ShutdownError(ChildRecord child, Pid pid, ExitReason reason)
    {
        if (GuardedLog.IsEnabled(_logger, LogLevel.Error))
        {
            GuardedLog.TryWrite(() => s_shutdownError(_logger, Name, child.Id, pid.ToString(), reason.ToString(), reason.Exception));
        }
    }

    public void IntensityReached(ChildRecord child, RestartIntensity intensity)
    {
        _supervisor.Node.Introspection.Crashes.Add(Introspection.CrashRecords.FromSupervisor(
            Introspection.CrashKind.IntensityReached,
            _supervisor,
            child,
            child.Pid,
            $"reached_max_restart_intensity ({intensity.MaxRestarts} restarts within {intensity.Within.TotalMilliseconds} ms)"));
        if (GuardedLog.IsEnabled(_logger, LogLevel.Error))
        {
            GuardedLog.TryWrite(() => s_intensityReached(_logger, Name, intensity.MaxRestarts, intensity.Within.TotalMilliseconds, child.Id, null));
        }
    }

    public void AutoShutdown(ChildRecord child, ExitReason reason)
    {
        if (GuardedLog.IsEnabled(_logger, LogLevel.Information))
        {
            GuardedLog.TryWrite(() => s_autoShutdown(_logger, Name, child.Id, reason.ToString(), null));
        }
    }
}
