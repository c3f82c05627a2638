using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// Applies queued exit signals (OTP semantics): an explicit <c>kill</c> always kills; a trapping process gets an
    /// <see cref="Exited"/> message queued behind what the sender sent before it died; otherwise <c>normal</c> is ignored
    /// (unless the process signalled itself) and any other reason kills with that reason.
    /// </summary>
    private void HandleSignals()
    {
        var signal = MailboxStack.TakeAll(ref _signals);
        while (signal is not null)
        {
            var next = signal.Next;
            signal.Next = null;
            var exit = (ExitSignal)signal;
            if (exit.Reason.Kind == ExitKind.Kill && !exit.FromLink)
            {
                Die(ExitReason.Killed);
                return;
            }

            if (_trapExit)
            {
                MailboxStack.TryPush(ref _inbox, new InfoEnvelope(new Exited(exit.From, exit.Reason)));
            }
            else if (!exit.Reason.IsNormal || exit.From == Pid)
            {
                Die(exit.Reason);
                return;
            }

            signal = next;
        }
    }
}
