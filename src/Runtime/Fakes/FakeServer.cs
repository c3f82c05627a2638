using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Fakes;

/// <summary>
/// The recording half of the fakes the generator writes for each non-generic <c>[GenServer]</c> (<c>CounterFake</c> for
/// <c>Counter</c>): a stand-in process for tests that accepts the real server's requests, records each one here, and
/// answers calls from the script set on the fake's properties. The list is safe to read from the test while the fake's
/// process runs.
/// </summary>
public abstract class FakeServer
{
    private readonly object _gate = new();
    private readonly List<FakeRequest> _received = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = new();

    /// <summary>Creates the recorder (generated fakes call this).</summary>
    protected FakeServer()
    {
    }

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>The requests received so far for the handler <paramref name="name"/> (<c>"Add"</c>), in arrival order.</summary>
    public IReadOnlyList<FakeRequest> ReceivedFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _received.Where(request => request.Name == name).ToArray();
        }
    }

    /// <summary>
    /// Completes once the fake has received at least <paramref name="count"/> requests in all (casts arrive after the
    /// sender moved on, so a test waits for them here), returning them.
    /// </summary>
    /// <param name="count">How many requests to wait for.</param>
    /// <param name="timeout">How long to wait; 5 seconds when null.</param>
    /// <exception cref="TimeoutException">Fewer arrived in time; the message lists those that did.</exception>
    public async Task<IReadOnlyList<FakeRequest>> WhenReceivedAsync(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Task reached;
        lock (_gate)
        {
            if (_received.Count >= count)
            {
                return _received.ToArray();
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, waiter));
            reached = waiter.Task;
        }

        var wait = timeout ?? TimeSpan.FromSeconds(5);
        try
        {
            await reached.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var received = Received;
            throw new TimeoutException(
                $"{GetType().Name} expected {count} request(s) within {wait.TotalSeconds:0.###} s but received {received.Count}" +
                (received.Count == 0 ? "." : ": " + string.Join(", ", received)));
        }

        return Received;
    }

    /// <summary>Records a request as it arrives (generated fakes call this first thing in each handler).</summary>
    /// <param name="name">The real server's handler name.</param>
    /// <param name="isCall">True for a call.</param>
    /// <param name="display">The request as crash reports show it.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The recorded request.</returns>
    protected FakeRequest Record(string name, bool isCall, string display, params object?[] arguments)
    {
        var request = new FakeRequest(name, isCall, arguments, display);
        List<TaskCompletionSource>? reached = null;
        lock (_gate)
        {
            _received.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_received.Count >= _waiters[i].Count)
                {
                    (reached ??= new()).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        reached?.ForEach(waiter => waiter.TrySetResult());
        return request;
    }

    /// <summary>
    /// The failure of a call the test gave no answer for: thrown in the fake's handler, it crashes the fake (the caller
    /// sees the fake exit with this reason, and the crash report says what to script).
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="property">The fake's property that answers it.</param>
    protected Exception Unscripted(FakeRequest request, string property)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new InvalidOperationException($"{GetType().Name} received {request.Display} but has no answer for it: set {GetType().Name}.{property}.");
    }
}
