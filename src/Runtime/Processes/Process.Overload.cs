using System.Threading;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>The mailbox limit, or null when there is none.</summary>
    public int? MailboxLimit => _mailboxLimit == 0 ? null : _mailboxLimit;

    /// <summary>
    /// Sets or clears the mailbox limit from inside the process (a server's constructor). The count starts from the
    /// messages already waiting; sends racing the change may be counted once too many or too few. Owner only.
    /// </summary>
    public void SetMailboxLimit(int? limit)
    {
        if (limit is <= 0)
        {
            throw new System.ArgumentOutOfRangeException(nameof(limit), limit, "A mailbox limit must be positive (or null for none).");
        }

        if (limit is not { } value)
        {
            Volatile.Write(ref _mailboxLimit, 0);
            return;
        }

        if (_mailboxLimit == 0)
        {
            // Only this thread takes from the inbox, so walking it here sees a stable chain.
            var waiting = 0;
            for (var envelope = Volatile.Read(ref _inbox); envelope is not null && !MailboxStack.IsClosedMarker(envelope); envelope = envelope.Next)
            {
                waiting++;
            }

            Volatile.Write(ref _queued, waiting);
        }

        Volatile.Write(ref _mailboxLimit, value);
    }

    /// <summary>
    /// Counts a message pushed while a mailbox limit is set; the send that takes the count past the limit kills the
    /// process (OTP's <c>max_heap_size</c> kill, applied to the mailbox): its supervisor restarts it with an empty one.
    /// Only processes with a limit pay for the count.
    /// </summary>
    private void CountQueued()
    {
        if (Interlocked.Increment(ref _queued) > _mailboxLimit && KillNow(ExitReason.MailboxOverflow, startFailure: null))
        {
            Node.Reporter.MailboxOverflow(this, _mailboxLimit);
        }
    }

    /// <summary>Takes the whole mailbox, keeping the count of a limited one in step.</summary>
    private Envelope? TakeCounted()
    {
        var batch = MailboxStack.TakeAll(ref _inbox, out var taken);
        Interlocked.Add(ref _queued, -taken);
        if (taken > 0 && ArborTelemetry.MailboxDepth.Enabled)
        {
            ArborTelemetry.MailboxDepth.Record(taken);
        }

        return batch;
    }

    /// <summary>
    /// Messages waiting: the mailbox plus the rest of the batch being handled. A snapshot read from any thread: exact
    /// when the process is quiet, approximate while messages arrive and are taken (the chains are walked as they change),
    /// and bounded by <paramref name="cap"/>.
    /// </summary>
    public int CountWaiting(int cap)
    {
        var count = Walk(Volatile.Read(ref _inbox), cap);
        // The rest of the batch being handled: kept in _batch between steps, and reachable from the message in hand while
        // a handler runs (the hot loop keeps it in a local; the message's Next is unlinked only once its handler is back).
        var rest = Volatile.Read(ref _batch) ?? Volatile.Read(ref _current)?.Next;
        return count + Walk(rest, cap - count);

        static int Walk(Envelope? envelope, int cap)
        {
            var count = 0;
            while (envelope is not null && count < cap && !MailboxStack.IsClosedMarker(envelope))
            {
                count++;
                envelope = envelope.Next;
            }

            return count;
        }
    }
}
