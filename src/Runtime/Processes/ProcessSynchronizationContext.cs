using System;
using System.Threading;
using Arbor.Introspection.InFlight;

namespace Arbor;

/// <summary>
/// The synchronization context a process's handlers run under. An <c>await</c> inside an asynchronous handler captures
/// it, so the rest of the handler runs as that process again (<c>Self</c>-based checks, linked starts and the
/// calling-self guard keep working after the await) — on its scheduler's threads, while the process waits for the handler.
/// </summary>
internal sealed class ProcessSynchronizationContext : SynchronizationContext
{
    public ProcessSynchronizationContext(Process process) => Process = process;

    public Process Process { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        // On a node that counts its in-flight work, the continuation counts from here until it has run.
        var inFlight = InFlightTracking.IsOn ? Process.Node.InFlight : null;
        inFlight?.Add(InFlightKind.Continuation);
        Process.Scheduler.Queue(new Continuation(Process, d, state, inFlight));
    }

    public override void Send(SendOrPostCallback d, object? state) => RunAs(Process, s => d(s), state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> with <paramref name="process"/> as the current process and this context installed.</summary>
    internal static void RunAs(Process process, Action<object?> action, object? state)
    {
        var previousContext = Current;
        var previousProcess = Worker.SwapCurrent(process);
        SetSynchronizationContext(process.SynchronizationContext);
        try
        {
            action(state);
        }
        finally
        {
            SetSynchronizationContext(previousContext);
            Worker.SwapCurrent(previousProcess);
        }
    }

    private sealed class Continuation(Process process, SendOrPostCallback callback, object? state, InFlightCounter? inFlight) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            try
            {
                RunAs(process, static s => ((Continuation)s!).Invoke(), this);
            }
            finally
            {
                inFlight?.Remove(InFlightKind.Continuation);
            }
        }

        private void Invoke() => callback(state);
    }
}
