using System.Threading;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// True when the process has nothing to do until something arrives: not scheduled or running, no signal or message
    /// waiting, and, if parked on a pending handler, that handler not yet completed. A snapshot read from another thread
    /// (for the test kit's virtual time, which advances the clock only once a node has settled). A dead process still on
    /// the node's list is busy: it is telling its links and monitors (they may look quiet until their signal lands).
    /// </summary>
    internal bool IsQuiet
    {
        get
        {
            var status = Volatile.Read(ref _status);
            if (status != Idle || MailboxStack.HasItems(ref _signals))
            {
                return false;
            }

            return _pendingKind != PendingKind.None ? Volatile.Read(ref _pendingDone) == 0 : !MailboxStack.HasItems(ref _inbox);
        }
    }
}
