using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

public abstract partial class GenServer
{
    private const int DeferredPruneThreshold = 64;
    private static readonly Predicate<CallMessage> s_isCompleted = static call => call.IsCompleted;

    internal override ValueTask<InitResult> InitCoreAsync() => InitAsync();

    /// <summary>A continue asked for by init runs here, before the first message and after the starter has its answer.</summary>
    internal override ValueTask AfterInitAsync() => HasContinue() ? RunContinuesAsync() : default;

    internal override ValueTask HandleCoreAsync(Envelope envelope)
    {
        // The envelope kind is set by the message's base class, so the casts below cannot fail.
        ValueTask handled;
        switch (envelope.Kind)
        {
            case EnvelopeKind.Cast:
                handled = HandleCastAsync(Unsafe.As<CastMessage>(envelope));
                break;
            case EnvelopeKind.Call:
                var call = Unsafe.As<CallMessage>(envelope);
                handled = HandleCallAsync(call);
                if (!handled.IsCompletedSuccessfully)
                {
                    return CallThenContinueAsync(handled, call);
                }

                TrackIfUnanswered(call);
                if (HasContinue())
                {
                    Owner.PublishStagedReply(handOff: false);
                    return RunContinuesAsync();
                }

                return handled;
            case EnvelopeKind.IdleTimeout:
                handled = HandleInfoAsync(Arbor.IdleTimeout.Instance);
                break;
            default:
                handled = RouteInfo(Unsafe.As<InfoEnvelope>(envelope).Message);
                break;
        }

        if (!handled.IsCompletedSuccessfully)
        {
            return HandlerThenContinueAsync(handled);
        }

        // A completed handler is handed back as is: the process only checks that it succeeded.
        if (!HasContinue())
        {
            return handled;
        }

        Owner.PublishStagedReply(handOff: false);
        return RunContinuesAsync();
    }

    internal override ValueTask TerminateCoreAsync(ExitReason reason) => TerminateAsync(reason);

    /// <summary>
    /// Answers <paramref name="call"/> with <paramref name="value"/> (OTP's <c>{reply, Reply, State}</c>); used by
    /// generated dispatch. The caller is woken when the handler returns (before any continue runs), or, when the handler
    /// asked to stop, after terminate has run.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    protected void Reply<T>(CallMessage<T> call, T value)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Owner.StopRequest is not null)
        {
            call.HoldReply(value);
            Owner.HoldReply(call);
            return;
        }

        if (Worker.InTurnOf(Owner))
        {
            if (call.TryStage(value))
            {
                Owner.StageReply(call);
            }
        }
        else
        {
            // An asynchronous handler resumed off its turn: there is no handler return to wait for.
            call.TryReply(value);
        }
    }

    /// <summary>The deferred-reply token for <paramref name="call"/>; used by generated dispatch for handlers that take a <see cref="ReplyTo{T}"/>.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    protected static ReplyTo<T> DeferReply<T>(CallMessage<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new ReplyTo<T>(call);
    }

    private ValueTask RouteInfo(object message)
    {
        switch (message)
        {
            case Down down:
                if (Owner.TakeDown(down) is not { } seen)
                {
                    return default;
                }

                message = seen;
                break;
            case SystemStop stop:
                Stop(stop.Reason);
                return default;
            case Exited exited when !exited.From.IsNone && exited.From == Owner.Parent:
                // gen_server: an exit from the parent (seen only when trapping) stops the server through terminate.
                Stop(exited.Reason);
                return default;
        }

        return HandleInfoAsync(message);
    }

    private bool HasContinue() => Owner.ExtrasIfAny?.ContinueArgument is not null;

    private void TrackIfUnanswered(CallMessage call)
    {
        if (call.IsCompleted)
        {
            return;
        }

        Owner.TrackUnanswered(call, DeferredPruneThreshold, s_isCompleted);
    }

    // The wrappers below resume where the handler finished, on the thread pool (ConfigureAwait(false): measured faster
    // for asynchronous handlers than resuming on the process), except on a tracking node, where they resume on the
    // process's context so the hand-off is counted (see ArborResumeOnProcessContext). A [Continue] handler is user code
    // that runs as its process, so RunContinuesAsync moves onto the process before each one.
    private async ValueTask CallThenContinueAsync(ValueTask handled, CallMessage call)
    {
        await handled.ConfigureAwait(ArborResumeOnProcessContext);
        TrackIfUnanswered(call);
        await RunContinuesAsync().ConfigureAwait(ArborResumeOnProcessContext);
    }

    private async ValueTask HandlerThenContinueAsync(ValueTask handled)
    {
        await handled.ConfigureAwait(ArborResumeOnProcessContext);
        await RunContinuesAsync().ConfigureAwait(ArborResumeOnProcessContext);
    }

    private async ValueTask RunContinuesAsync()
    {
        while (Owner.StopRequest is null && Owner.ExtrasIfAny?.ContinueArgument is { } argument)
        {
            Owner.Extras.ContinueArgument = null;
            await new ProcessContextSwitch(Owner); // at once inside a turn; after an await on the pool, back onto the process
            await HandleContinueAsync(argument).ConfigureAwait(ArborResumeOnProcessContext);
        }

        if (Owner.ExtrasIfAny is { } extras)
        {
            extras.ContinueArgument = null;
        }
    }
}
