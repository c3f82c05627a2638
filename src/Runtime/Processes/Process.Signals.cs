using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// Applies queued exit signals (OTP semantics): an explicit <c>kill</c> always kills; a signal through a link that
    /// this process has since removed is ignored; a trapping process gets an <see cref="Exited"/> message queued behind
    /// what the sender sent before it died; otherwise <c>normal</c> is ignored (unless the process signalled itself) and
    /// any other reason kills with that reason.
    /// </summary>
    private void HandleSignals()
    {
        var signal = MailboxStack.TakeAll(ref _signals);
        while (signal is not null)
        {
            var next = signal.Next;
            signal.Next = null;
            var exit = (ExitSignal)signal;
            exit.Decision = TrappedExitDecision.Drop;
            if (exit.IsUntrappableKill)
            {
                Die(ExitReason.Killed);
                return;
            }

            if (exit.Source == ExitSignalSource.Link && !TakeLinkTo(exit.From))
            {
                signal = next;
                continue;
            }

            if (_trapExit)
            {
                exit.Decision = TrappedExitDecision.Deliver;
            }
            else if (!exit.Reason.IsNormal || exit.From == Pid)
            {
                Die(exit.Reason);
                return;
            }

            signal = next;
        }
    }

    /// <summary>
    /// Handles a signal's mailbox twin: delivers <see cref="Exited"/> when the receiver trapped it. A twin can be taken
    /// before its signal (both were pushed between two checks of the signal queue), so pending signals are decided first.
    /// </summary>
    private ValueTask HandleTrappedExit(TrappedExitEnvelope twin, ProcessBehavior behavior)
    {
        if (twin.Signal.Decision == TrappedExitDecision.Undecided)
        {
            HandleSignals();
            if (!IsAlive)
            {
                return default;
            }
        }

        var signal = twin.Signal;
        return signal.Decision == TrappedExitDecision.Deliver
            ? HandleCounted(behavior, new InfoEnvelope(new Exited(signal.From, signal.Reason)))
            : default;
    }

    /// <summary>Removes this side of the link to an exited process; false if there was no link (it was unlinked).</summary>
    private bool TakeLinkTo(Pid exited)
    {
        if (exited.Process is not { } process)
        {
            return exited.IsRemote && RemoveRemoteLink(exited);
        }

        lock (this)
        {
            return _extras?.Links?.Remove(process) == true;
        }
    }
}
