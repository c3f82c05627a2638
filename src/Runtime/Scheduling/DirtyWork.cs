using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Arbor.Introspection.InFlight;

namespace Arbor.Scheduling;

/// <summary>One dirty handler invocation queued to a <see cref="DirtyScheduler"/>.</summary>
internal abstract class DirtyWork : IThreadPoolWorkItem
{
    /// <summary>Runs the handler; never throws (a failure goes to the process awaiting it).</summary>
    public abstract void Run();

    void IThreadPoolWorkItem.Execute() => Run();
}

/// <summary>
/// A dirty handler of <typeparamref name="TServer"/> for a <typeparamref name="TMessage"/>. The process awaits it like an
/// asynchronous handler, so it handles no other message meanwhile (one message at a time) and holds no worker thread;
/// the handler runs as its process (<c>Self</c>, the process's synchronization context) on the dirty thread.
/// </summary>
internal sealed class DirtyWork<TServer, TMessage> : DirtyWork, IValueTaskSource
{
    private readonly Process _process;
    private readonly TServer _server;
    private readonly TMessage _message;
    private readonly Func<TServer, TMessage, ValueTask> _handler;
    private ManualResetValueTaskSourceCore<bool> _completion;
    private ValueTask _pending;

    // On a node that counts its in-flight work, the handler counts from its creation (it is queued next) until its
    // synchronous part has run; an asynchronous rest comes back through the process's context, counted there.
    private readonly InFlightCounter? _inFlight;

    public DirtyWork(Process process, TServer server, TMessage message, Func<TServer, TMessage, ValueTask> handler)
    {
        _process = process;
        _server = server;
        _message = message;
        _handler = handler;
        if (InFlightTracking.IsOn && process.Node.InFlight is { } inFlight)
        {
            _inFlight = inFlight;
            inFlight.Add(InFlightKind.DirtyHandler);
        }
    }

    /// <summary>Completes when the handler has finished (including any asynchronous rest of it).</summary>
    public ValueTask Completion => new(this, _completion.Version);

    public override void Run()
    {
        try
        {
            RunHandler();
        }
        finally
        {
            _inFlight?.Remove(InFlightKind.DirtyHandler);
        }
    }

    private void RunHandler()
    {
        if (!_process.IsAlive)
        {
            // Killed while this waited for a dirty thread: its handler has nobody left to run for.
            _completion.SetResult(true);
            return;
        }

        ValueTask pending;
        try
        {
            pending = _process.RunAsCurrent(static work => work._handler(work._server, work._message), this);
        }
        catch (Exception exception)
        {
            _completion.SetException(exception);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(pending);
            return;
        }

        // An asynchronous dirty handler: its part after the first await runs wherever that await resumes.
        _pending = pending;
        CompletionHook.Register(ref _pending, () => Complete(_pending), _inFlight);
    }

    void IValueTaskSource.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    private void Complete(ValueTask finished)
    {
        try
        {
            finished.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            _completion.SetException(exception);
            return;
        }

        _completion.SetResult(true);
    }
}
