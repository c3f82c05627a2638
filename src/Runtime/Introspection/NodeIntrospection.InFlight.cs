using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection.InFlight;

namespace Arbor.Introspection;

public sealed partial class NodeIntrospection
{
    /// <summary>Whether the node counts its in-flight work (<see cref="ArborNodeOptions.TrackInFlightWork"/>).</summary>
    public bool TracksInFlightWork => _node.InFlight is not null;

    /// <summary>
    /// What the node has in flight now: processes scheduled or running, continuations on their way back into a process,
    /// dirty handlers, queued timer deliveries. Exact, not sampled: each is counted when it is handed over and uncounted
    /// after it has run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node does not track (<see cref="ArborNodeOptions.TrackInFlightWork"/> is off).</exception>
    public InFlightWork InFlightWork()
    {
        var counter = RequireTracking();
        return new InFlightWork(
            counter.Of(InFlightKind.Process), counter.Of(InFlightKind.Continuation), counter.Of(InFlightKind.DirtyHandler), counter.Of(InFlightKind.TimerDelivery));
    }

    /// <summary>
    /// The processes scheduled or running right now (a snapshot, in pid order); works on any node. A process parked on an
    /// asynchronous handler that has not completed is not busy: it waits for something else.
    /// </summary>
    public IReadOnlyList<Pid> BusyProcesses()
    {
        var busy = new List<Pid>();
        foreach (var process in _node.LiveProcesses)
        {
            if (process.IsScheduled)
            {
                busy.Add(process.Pid);
            }
        }

        busy.Sort();
        return busy;
    }

    /// <summary>
    /// Completes once the node is quiescent: no process scheduled or running, nothing queued, no reply, start result or
    /// handler continuation on its way to a process, no dirty handler running. From then on only something from outside
    /// the node (a send, a timer, a completion of I/O) starts work again; with a virtual clock
    /// (<see cref="ArborNodeOptions.TimeProvider"/>) that is the test's next step. This is what a test kit waits on before
    /// it moves virtual time, and after, to know every consequence has been handled. A process parked on an asynchronous
    /// handler that awaits something outside the node (a timer not yet due, I/O) does not keep the node busy.
    /// </summary>
    /// <param name="timeout">How long to wait, in real time (<see cref="Timeout.InfiniteTimeSpan"/>: no limit).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InvalidOperationException">The node does not track (<see cref="ArborNodeOptions.TrackInFlightWork"/> is off).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (and not infinite).</exception>
    /// <exception cref="TimeoutException">The node was still busy after <paramref name="timeout"/>; the message names what was (a process that keeps sending itself messages never settles).</exception>
    public Task WhenQuiescentAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var counter = RequireTracking();
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be non-negative, or Timeout.InfiniteTimeSpan.");
        }

        return counter.WhenZeroAsync(timeout, () => DescribeBusy(timeout), cancellationToken);
    }

    private InFlightCounter RequireTracking() => _node.InFlight ?? throw new InvalidOperationException(
        "This node does not count its in-flight work: start it with ArborNodeOptions.TrackInFlightWork = true (Arbor.Testing's test nodes do).");

    private string DescribeBusy(TimeSpan timeout)
    {
        var work = InFlightWork();
        var parts = new List<string>();
        if (work.Processes > 0)
        {
            var busy = BusyProcesses();
            var named = busy.Take(5).Select(pid => pid + " (" + (_node.FindLiveProcess(pid.Id)?.Behavior?.GetType().Name ?? "not initialised") + ")");
            var more = busy.Count > 5 ? ", and " + (busy.Count - 5) + " more" : string.Empty;
            var exiting = work.Processes - busy.Count;
            parts.Add(work.Processes + " process" + (work.Processes == 1 ? string.Empty : "es") + " scheduled, running or exiting" +
                      (busy.Count > 0 ? ": " + string.Join(", ", named) + more : string.Empty) +
                      (exiting > 0 ? " (" + exiting + " exiting)" : string.Empty));
        }

        if (work.Continuations > 0)
        {
            parts.Add(work.Continuations + " continuation" + (work.Continuations == 1 ? string.Empty : "s") + " on the way back into a process (an await, a call's reply or a start's result)");
        }

        if (work.DirtyHandlers > 0)
        {
            parts.Add(work.DirtyHandlers + " dirty handler" + (work.DirtyHandlers == 1 ? string.Empty : "s"));
        }

        if (work.TimerDeliveries > 0)
        {
            parts.Add(work.TimerDeliveries + " timer deliver" + (work.TimerDeliveries == 1 ? "y" : "ies") + " queued to the deterministic scheduler");
        }

        var what = parts.Count == 0 ? "its work finished just as the wait gave up" : string.Join("; ", parts);
        var within = timeout == Timeout.InfiniteTimeSpan ? string.Empty : " within " + timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
        return "The node did not become quiescent" + within + ": " + what + ". A process that keeps sending itself messages never settles; give it a timer instead.";
    }
}
