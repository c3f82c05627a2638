using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Cluster;

/// <summary>
/// Callers outside processes waiting for a published snapshot to satisfy a condition (members, names): checked at once
/// and after every publish, so waits are event-driven and bounded by the caller's timeout. A throwing condition fails
/// only its own wait.
/// </summary>
internal sealed class ConditionWaiters<T>
{
    private readonly object _gate = new();
    private readonly List<(Func<T, bool> Condition, TaskCompletionSource Done)> _waiters = new();

    public async Task WaitAsync(Func<T> read, Func<T, bool> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            // Read under the gate: a publish after this point sees the waiter.
            if (condition(read()))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(waiter => waiter.Done == done);
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new TimeoutException($"{describe()} did not reach the expected state within {timeout}.");
        }
    }

    /// <summary>Publishes <paramref name="value"/> through <paramref name="store"/> and wakes the waiters it satisfies.</summary>
    public void Publish(T value, Action<T> store)
    {
        List<(TaskCompletionSource Done, Exception? Error)>? fired = null;
        lock (_gate)
        {
            store(value);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                bool holds;
                Exception? error = null;
                try
                {
                    holds = _waiters[i].Condition(value);
                }
                catch (Exception exception)
                {
                    // The caller's bug: it fails that caller's wait, never the service publishing.
                    holds = true;
                    error = exception;
                }

                if (holds)
                {
                    (fired ??= new()).Add((_waiters[i].Done, error));
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var (done, error) in (IEnumerable<(TaskCompletionSource, Exception?)>?)fired ?? [])
        {
            if (error is null)
            {
                done.TrySetResult();
            }
            else
            {
                done.TrySetException(error);
            }
        }
    }
}
