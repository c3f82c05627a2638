using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing;

/// <summary>
/// Keeps every log entry written while a test runs, in order, and lets the test assert on them: a crash report for a
/// process, a supervisor report, any entry matching a predicate, or exactly N matching entries while an action runs (Akka's
/// <c>EventFilter</c>). An <see cref="ArborTestNode"/> captures its node's logs here; a test with its own logger factory can
/// add a <see cref="LogCapture"/> to it as a provider.
/// </summary>
/// <remarks>
/// Expectations wait for entries still to come (a crash report is written as the process exits, possibly after the test
/// observed the crash by other means); they never consume entries, so two expectations may match the same one.
/// </remarks>
public sealed class LogCapture : ILoggerProvider
{
    private readonly List<LogEntry> _entries = new();
    private readonly List<Waiter> _waiters = new();
    private readonly Action<string>? _output;

    /// <summary>Creates a capture.</summary>
    /// <param name="output">
    /// Where to copy each entry as a line of text as it is written (for example xunit's <c>ITestOutputHelper.WriteLine</c>),
    /// so a failing test shows what was logged; none by default. Failures of <paramref name="output"/> are ignored.
    /// </param>
    /// <param name="minimumLevel">The lowest level kept; <see cref="LogLevel.Debug"/> by default.</param>
    public LogCapture(Action<string>? output = null, LogLevel minimumLevel = LogLevel.Debug)
    {
        _output = output;
        MinimumLevel = minimumLevel;
    }

    /// <summary>The lowest level kept.</summary>
    public LogLevel MinimumLevel { get; }

    /// <summary>How long expectations wait when given no timeout: 3 seconds unless set.</summary>
    public TimeSpan DefaultTimeout { get; init; } = ArborTestNodeOptions.DefaultExpectTimeout;

    /// <summary>A snapshot of the entries written so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>
    /// Waits for an entry matching <paramref name="predicate"/>: one already written since the capture began, or the next
    /// one that is.
    /// </summary>
    /// <param name="predicate">What the entry must satisfy.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="description">What is expected, in words, for the failure message.</param>
    /// <returns>The first matching entry.</returns>
    /// <exception cref="ExpectationFailedException">None was written in time; the message lists what was logged instead.</exception>
    public async Task<LogEntry> ExpectLogAsync(Func<LogEntry, bool> predicate, TimeSpan? timeout = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var wait = timeout ?? DefaultTimeout;
        var found = await WaitForAsync(predicate, from: 0, occurrences: 1, wait).ConfigureAwait(false);
        return found.Count > 0
            ? found[0]
            : throw new ExpectationFailedException($"Expected a log entry ({description ?? "matching the predicate"}) within {Render.Seconds(wait)}; logged instead:" + LoggedList());
    }

    /// <summary>
    /// Waits for the crash report of <paramref name="pid"/> (any process's when <paramref name="pid"/> is null), also
    /// matching <paramref name="predicate"/> when one is given (for example on <see cref="LogEntry.Exception"/>).
    /// </summary>
    /// <exception cref="ExpectationFailedException">No such report was written in time; the message lists what was logged instead.</exception>
    public Task<LogEntry> ExpectCrashReportAsync(Pid? pid = null, Func<LogEntry, bool>? predicate = null, TimeSpan? timeout = null) =>
        ExpectLogAsync(
            entry => entry.Is(ArborLogEvents.ProcessCrashed) && (pid is null || entry.IsAbout(pid.Value)) && (predicate is null || predicate(entry)),
            timeout,
            $"a crash report{(pid is null ? string.Empty : $" of {pid}")}{(predicate is null ? string.Empty : " matching the predicate")}");

    /// <summary>
    /// Waits for the supervisor report named <paramref name="eventName"/> (one of <see cref="ArborLogEvents"/>: for example
    /// <see cref="ArborLogEvents.ChildTerminated"/> when a child crashed and is restarted), also matching <paramref name="predicate"/>.
    /// </summary>
    /// <exception cref="ExpectationFailedException">No such report was written in time; the message lists what was logged instead.</exception>
    public Task<LogEntry> ExpectSupervisorReportAsync(string eventName, Func<LogEntry, bool>? predicate = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return ExpectLogAsync(
            entry => entry.Category == ArborLogEvents.SupervisorCategory && entry.Is(eventName) && (predicate is null || predicate(entry)),
            timeout,
            $"supervisor report {eventName}{(predicate is null ? string.Empty : " matching the predicate")}");
    }

    /// <summary>
    /// Runs <paramref name="action"/> and expects exactly <paramref name="occurrences"/> entries matching
    /// <paramref name="predicate"/> to be written from its start until that many have arrived (Akka's
    /// <c>EventFilter...ExpectOne/Expect(n)</c>). Entries written before the action do not count.
    /// </summary>
    /// <returns>The matching entries.</returns>
    /// <exception cref="ExpectationFailedException">Fewer arrived within the timeout, or more than expected had arrived by the time the count was reached.</exception>
    public async Task<IReadOnlyList<LogEntry>> ExpectLogsAsync(int occurrences, Func<LogEntry, bool> predicate, Func<Task> action, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occurrences);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(action);
        var wait = timeout ?? DefaultTimeout;
        int from;
        lock (_entries)
        {
            from = _entries.Count;
        }

        await action().ConfigureAwait(false);
        var found = await WaitForAsync(predicate, from, occurrences, wait).ConfigureAwait(false);
        if (found.Count < occurrences)
        {
            throw new ExpectationFailedException(
                $"Expected {occurrences} matching log entries while the action ran but {found.Count} arrived within {Render.Seconds(wait)}. Matching:" +
                Render.List(found, e => e.ToString(), " none") + "\nEverything logged:" + LoggedList());
        }

        var all = Matching(predicate, from);
        if (all.Count > occurrences)
        {
            throw new ExpectationFailedException(
                $"Expected {occurrences} matching log entries while the action ran but {all.Count} arrived:" + Render.List(all, e => e.ToString(), string.Empty));
        }

        return all;
    }

    /// <summary>Checks that no entry written so far matches <paramref name="predicate"/> (for example, no crash report).</summary>
    /// <exception cref="ExpectationFailedException">One does; the message lists the matching entries.</exception>
    public void ExpectNoLog(Func<LogEntry, bool> predicate, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matching = Matching(predicate, from: 0);
        if (matching.Count > 0)
        {
            throw new ExpectationFailedException(
                $"Expected no log entry ({description ?? "matching the predicate"}) but found:" + Render.List(matching, e => e.ToString(), string.Empty));
        }
    }

    /// <summary>Checks that no crash report has been written so far.</summary>
    /// <exception cref="ExpectationFailedException">One has; the message shows it.</exception>
    public void ExpectNoCrashReports() => ExpectNoLog(entry => entry.Is(ArborLogEvents.ProcessCrashed), "a crash report");

    /// <summary>Nothing to release: the entries stay readable after the capture is disposed.</summary>
    public void Dispose()
    {
    }

    internal void Add(LogEntry entry)
    {
        List<Waiter>? ready = null;
        lock (_entries)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters)
            {
                if (waiter.Offer(entry))
                {
                    (ready ??= new List<Waiter>()).Add(waiter);
                }
            }

            if (ready is not null)
            {
                _waiters.RemoveAll(ready.Contains);
            }
        }

        // Woken outside the lock: continuations run asynchronously anyway, but the logging thread owes them nothing.
        if (ready is not null)
        {
            foreach (var waiter in ready)
            {
                waiter.Complete();
            }
        }

        Echo(entry);
    }

    private void Echo(LogEntry entry)
    {
        if (_output is null)
        {
            return;
        }

        try
        {
            _output(entry.ToString());
        }
        catch (Exception)
        {
            // The output belongs to a test framework and may refuse lines once its test has ended (xunit throws then);
            // a log line must never fail the runtime thread that wrote it.
        }
    }

    /// <summary>The matching entries from index <paramref name="from"/>, once there are <paramref name="occurrences"/> of them or the time is up.</summary>
    private async Task<List<LogEntry>> WaitForAsync(Func<LogEntry, bool> predicate, int from, int occurrences, TimeSpan timeout)
    {
        Waiter waiter;
        lock (_entries)
        {
            waiter = new Waiter(predicate, occurrences);
            for (var i = from; i < _entries.Count; i++)
            {
                if (waiter.Offer(_entries[i]))
                {
                    return waiter.Done.Exception?.InnerException is { } failure ? throw failure : waiter.Found;
                }
            }

            if (occurrences == 0)
            {
                return waiter.Found;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Done.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_entries)
            {
                _waiters.Remove(waiter);
            }
        }

        lock (_entries)
        {
            return new List<LogEntry>(waiter.Found);
        }
    }

    private List<LogEntry> Matching(Func<LogEntry, bool> predicate, int from)
    {
        lock (_entries)
        {
            return _entries.Skip(from).Where(predicate).ToList();
        }
    }

    private string LoggedList()
    {
        var entries = Entries;
        return Render.List(entries, e => e.ToString(), " nothing");
    }

    /// <summary>A pending expectation: collects matching entries until it has enough. Touched only under the capture's lock.</summary>
    private sealed class Waiter
    {
        private readonly Func<LogEntry, bool> _predicate;
        private readonly int _occurrences;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Waiter(Func<LogEntry, bool> predicate, int occurrences)
        {
            _predicate = predicate;
            _occurrences = occurrences;
        }

        public List<LogEntry> Found { get; } = new();

        public Task Done => _done.Task;

        /// <summary>Records <paramref name="entry"/> if it matches; true once enough have been found.</summary>
        public bool Offer(LogEntry entry)
        {
            bool matches;
            try
            {
                matches = _predicate(entry);
            }
            catch (Exception exception)
            {
                // The test's predicate is the test's failure, reported to the test; it must not escape onto the thread
                // that wrote the log entry (a runtime thread).
                _done.TrySetException(new ExpectationFailedException($"A log predicate threw on {entry}.", exception));
                return true;
            }

            if (matches)
            {
                Found.Add(entry);
            }

            return Found.Count >= _occurrences;
        }

        public void Complete() => _done.TrySetResult();
    }
}
