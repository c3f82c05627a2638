using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Arbor.Protocol;

/// <summary>
/// Base class of a call request. The request is also the caller's completion source, so a reply never travels through
/// the caller's mailbox (no selective receive, no scan) and a call allocates one object.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CallMessage : Envelope
{
    private const int Pending = 0;
    private const int Claimed = 1;
    private const int Published = 2;

    // Kept small on purpose: one of these is allocated per call, so what few calls use lives in CallExtras.
    private int _state;

    /// <summary>When the call times out, in milliseconds on the target node's clock (<see cref="Timers.NodeClock"/>).</summary>
    internal long DueMs;

    internal TimeSpan Timeout;

    /// <summary>The process called; its pid names it in call errors.</summary>
    internal Process? TargetProcess;

    /// <summary>The calling process, if the call was made from one; crash reports name it as the client (as OTP's do).</summary>
    internal Process? CallerProcess;

    private CallExtras? _extras;

    private protected CallMessage()
        : base(EnvelopeKind.Call)
    {
    }

    /// <summary>True once the call has a reply or has failed (a later reply is dropped).</summary>
    public bool IsCompleted => Volatile.Read(ref _state) != Pending;

    internal Pid Target => TargetProcess?.Pid ?? Pid.None;

    /// <summary>Latency and activity of this call, while telemetry listens.</summary>
    internal CallObservation? Observation
    {
        get => _extras?.Observation;
        set => Extras.Observation = value;
    }

    private protected bool IsPublished => Volatile.Read(ref _state) == Published;

    private CallExtras Extras => _extras ??= new CallExtras();

    /// <summary>Claims the right to complete the call; only one completion ever wins.</summary>
    private protected bool TryClaim()
    {
        if (Interlocked.CompareExchange(ref _state, Claimed, Pending) != Pending)
        {
            return false;
        }

        _extras?.Cancellation.Dispose();
        return true;
    }

    /// <summary>Makes a claimed call's outcome visible to the caller (before its continuation is woken).</summary>
    private protected void Publish() => Volatile.Write(ref _state, Published);

    internal abstract bool TryFail(Exception exception);

    /// <summary>Wakes the caller for a reply stored by <c>TryStage</c>; <paramref name="handOff"/> lets the current worker run its continuation after the turn.</summary>
    internal abstract void PublishStaged(bool handOff);

    /// <summary>Claims a call whose reply was held back while the server ran its terminate hook; <see cref="PublishStaged"/> then wakes the caller.</summary>
    internal abstract bool TryStageHeldReply();

    /// <summary>
    /// Completes the call with a reply only known as an object (decoded from another node by a generated
    /// <c>IRemoteProtocol</c>); false if the call already completed or the value is not a <c>TResult</c>.
    /// </summary>
    internal abstract bool TryReplyBoxed(object? value);

    /// <summary>The call's reply, boxed, for a caller that only holds the non-generic message (the distribution
    /// transport awaiting a call that arrived from another node). Awaited once, like the typed value task.</summary>
    internal abstract ValueTask<object?> AsBoxedValueTask();

    private protected static string OutcomeOf(Exception error) => error switch
    {
        CallTimeoutException => "timeout",
        NoProcessException => "noproc",
        ProcessExitedException => "exited",
        OperationCanceledException => "canceled",
        _ => "error",
    };

    internal void FailExited(ExitReason reason) => TryFail(new ProcessExitedException(Target, reason, (object)this));

    internal void FailTimedOut() => TryFail(new CallTimeoutException(Target, Timeout, (object)this));

    internal void RegisterCancellation(CancellationToken token)
    {
        Extras.Cancellation = token.UnsafeRegister(
            static (state, ct) => ((CallMessage)state!).TryFail(new OperationCanceledException(ct)),
            this);
    }
}

/// <summary>Base class of a generated call request whose reply is a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The reply type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CallMessage<TResult> : CallMessage, IValueTaskSource<TResult>
{
    private ReplyContinuation _continuation;
    private ExceptionDispatchInfo? _error;

    // The reply; also the held reply of a stop-with-reply until terminate has run (the call is not claimed yet then).
    private TResult? _result;

    internal ValueTask<TResult> AsValueTask() => new(this, 0);

    /// <summary>Completes the call with <paramref name="value"/> now; false if it already completed (timed out, cancelled or answered).</summary>
    internal bool TryReply(TResult value)
    {
        if (!TryStage(value))
        {
            return false;
        }

        PublishStaged(handOff: false);
        return true;
    }

    /// <summary>
    /// Claims the call and stores the reply without waking the caller yet: the replying process publishes it once its
    /// handler has returned. False if the call already completed.
    /// </summary>
    internal bool TryStage(TResult value)
    {
        if (!TryClaim())
        {
            return false;
        }

        _result = value;
        return true;
    }

    internal void HoldReply(TResult value) => _result = value;

    internal override bool TryStageHeldReply() => TryStage(_result!);

    internal override bool TryReplyBoxed(object? value) => value switch
    {
        TResult typed => TryReply(typed),
        null when default(TResult) is null => TryReply(default!),
        _ => false,
    };

    internal override async ValueTask<object?> AsBoxedValueTask() => await AsValueTask().ConfigureAwait(false);

    internal override bool TryFail(Exception exception)
    {
        if (!TryClaim())
        {
            return false;
        }

        _error = ExceptionDispatchInfo.Capture(exception);
        PublishStaged(handOff: false);
        return true;
    }

    internal override void PublishStaged(bool handOff)
    {
        Observation?.Complete(_error is null ? "ok" : OutcomeOf(_error.SourceException));
        Publish();
        _continuation.Signal(handOff, CallerProcess);
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        if (!IsPublished)
        {
            throw new InvalidOperationException("The call has not completed yet.");
        }

        _error?.Throw();
        return _result!;
    }

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) =>
        !IsPublished ? ValueTaskSourceStatus.Pending
        : _error is null ? ValueTaskSourceStatus.Succeeded
        : _error.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled
        : ValueTaskSourceStatus.Faulted;

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _continuation.OnCompleted(continuation, state, flags, CallerProcess);
}
