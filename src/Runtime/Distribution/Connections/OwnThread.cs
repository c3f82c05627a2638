using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Connections;

/// <summary>
/// Runs work that waits in the kernel (a plain TCP connect, handshake or read loop) on a background thread of its own,
/// never on a thread-pool thread: it may block for as long as a peer stays silent.
/// </summary>
internal static class OwnThread
{
    /// <summary>
    /// Starts <paramref name="work"/> on a new thread. Work whose awaits all complete synchronously (as they do over
    /// <see cref="PolledSocket"/>) runs there from start to end.
    /// </summary>
    /// <returns>The work's outcome, its exception included.</returns>
    public static Task<T> Run<T>(string name, Func<Task<T>> work)
    {
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Complete(outcome, work)) { IsBackground = true, Name = name };
        thread.UnsafeStart();
        return outcome.Task;
    }

    private static void Complete<T>(TaskCompletionSource<T> outcome, Func<Task<T>> work)
    {
        Task<T> task;
        try
        {
            task = work();
        }
#pragma warning disable CA1031 // Handed to whoever awaits the outcome.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome.SetException(exception);
            return;
        }

        task.ContinueWith(
            static (done, state) => ((TaskCompletionSource<T>)state!).SetFromTask(done),
            outcome,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
