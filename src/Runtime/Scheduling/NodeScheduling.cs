using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Arbor.Scheduling;

/// <summary>A node's scheduling settings and parts: the long-turn threshold, where long turns are reported, the dirty scheduler.</summary>
internal sealed class NodeScheduling : IDisposable
{
    public NodeScheduling(ArborNodeOptions options, ILoggerFactory loggerFactory)
    {
        var threshold = options.LongTurnThreshold;
        if (threshold != Timeout.InfiniteTimeSpan && (threshold <= TimeSpan.Zero || threshold.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), threshold, $"{nameof(ArborNodeOptions)}.{nameof(ArborNodeOptions.LongTurnThreshold)} must be positive (at most {int.MaxValue} ms) or Timeout.InfiniteTimeSpan to turn long-turn reports off.");
        }

        if (options.DirtySchedulers is < 1 or > DirtyScheduler.MaxThreads)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.DirtySchedulers, $"{nameof(ArborNodeOptions)}.{nameof(ArborNodeOptions.DirtySchedulers)} must be between 1 and {DirtyScheduler.MaxThreads}.");
        }

        if (options.DeterministicSeed is { } seed)
        {
            Processes = new DeterministicScheduler(seed);
        }

        LongTurnThresholdMs = threshold == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)Math.Ceiling(threshold.TotalMilliseconds);
        Reporter = new SchedulerReporter(loggerFactory);
        Dirty = new DirtyScheduler(options.DirtySchedulers, Processes as DeterministicScheduler);
        SchedulerTelemetry.EnsureCreated();
        TurnWatchdog.NodeStarted();
    }

    /// <summary>A turn running this long is reported (<see cref="long.MaxValue"/>: never).</summary>
    public long LongTurnThresholdMs { get; }

    public SchedulerReporter Reporter { get; }

    /// <summary>Where the node's processes run.</summary>
    public ProcessScheduler Processes { get; } = SchedulerThreads.Shared;

    /// <summary>The deterministic scheduler, when the node runs in that mode.</summary>
    public DeterministicScheduler? Deterministic => Processes as DeterministicScheduler;

    /// <summary>Where handlers marked dirty run.</summary>
    public DirtyScheduler Dirty { get; }

    public void Dispose()
    {
        Dirty.Dispose();
        Deterministic?.Dispose();
        TurnWatchdog.NodeStopped();
    }
}
