using System.Threading;

namespace Arbor.Protocol;

/// <summary>
/// The lock-free multi-producer, single-consumer queue behind every mailbox, kept as static operations on a single
/// field so an idle process pays one reference per queue and no preallocated segment.
/// </summary>
/// <remarks>
/// Producers push onto an intrusive stack with one compare-and-swap. The owning process takes the whole stack in one
/// exchange and reverses it, which restores send order (per-sender FIFO holds because every push is linearised on the
/// head). Closing swaps in a sentinel so that pushes after the owner's death fail instead of being lost silently.
/// </remarks>
internal static class MailboxStack
{
    private sealed class ClosedSentinel : Envelope
    {
        public ClosedSentinel()
            : base(EnvelopeKind.Info)
        {
        }
    }

    private static readonly Envelope Closed = new ClosedSentinel();

    /// <summary>Pushes <paramref name="node"/>; false if the mailbox is closed (the owner has exited).</summary>
    public static bool TryPush(ref Envelope? head, Envelope node)
    {
        var current = Volatile.Read(ref head);
        while (true)
        {
            if (ReferenceEquals(current, Closed))
            {
                return false;
            }

            node.Next = current;
            var seen = Interlocked.CompareExchange(ref head, node, current);
            if (ReferenceEquals(seen, current))
            {
                return true;
            }

            current = seen;
        }
    }

    /// <summary>Takes everything pushed so far, oldest first; null when empty. Only the owner calls this.</summary>
    public static Envelope? TakeAll(ref Envelope? head) => TakeAll(ref head, out _);

    /// <summary>Like <see cref="TakeAll(ref Envelope?)"/>, also counting what was taken (for the mailbox-depth metric).</summary>
    public static Envelope? TakeAll(ref Envelope? head, out int count)
    {
        if (Volatile.Read(ref head) is null)
        {
            count = 0;
            return null;
        }

        return Reverse(Interlocked.Exchange(ref head, null), out count);
    }

    /// <summary>Closes the mailbox and returns what was still in it, oldest first.</summary>
    public static Envelope? Close(ref Envelope? head)
    {
        var stack = Interlocked.Exchange(ref head, Closed);
        return ReferenceEquals(stack, Closed) ? null : Reverse(stack, out _);
    }

    /// <summary>True for the marker a closed stack holds (it is not a message).</summary>
    public static bool IsClosedMarker(Envelope envelope) => ReferenceEquals(envelope, Closed);

    public static bool IsClosed(ref Envelope? head) => ReferenceEquals(Volatile.Read(ref head), Closed);

    public static bool HasItems(ref Envelope? head)
    {
        var current = Volatile.Read(ref head);
        return current is not null && !ReferenceEquals(current, Closed);
    }

    private static Envelope? Reverse(Envelope? stack, out int count)
    {
        count = 0;
        Envelope? reversed = null;
        while (stack is not null)
        {
            var next = stack.Next;
            stack.Next = reversed;
            reversed = stack;
            stack = next;
            count++;
        }

        return reversed;
    }
}
