using System;
using Microsoft.Extensions.Logging;

namespace Arbor.Scheduling;

/// <summary>Long-turn reports, through <see cref="ILogger"/> (category <c>Arbor.Scheduler</c>).</summary>
internal sealed class SchedulerReporter
{
    private static readonly Action<ILogger, string, string, string, long, Exception?> s_longTurn =
        LoggerMessage.Define<string, string, string, long>(
            LogLevel.Warning,
            new EventId(20, "LongTurn"),
            "Process {Pid} ({Server}) has been running its {Handler} handler for {RunningMs} ms: it holds a worker thread, and the " +
            "runtime adds threads so other processes are still served. Mark long CPU-bound or blocking handlers Dirty = true.");

    private readonly ILogger _logger;

    public SchedulerReporter(ILoggerFactory loggerFactory) => _logger = loggerFactory.CreateLogger("Arbor.Scheduler");

    /// <summary>Reports a turn past the threshold. Runs on a timer thread, so a failing logging provider is contained here.</summary>
    public void LongTurn(RunningTurn turn)
    {
        try
        {
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                s_longTurn(_logger, turn.Pid.ToString(), turn.Server, turn.Handler, (long)turn.RunningFor.TotalMilliseconds, null);
            }
        }
        catch (Exception)
        {
            // A logging provider's failure must not stop the watchdog (and every timer on this thread) for good.
        }
    }
}
