namespace Arbor.Distribution.Connections;

/// <summary>When a queued frame is written (see <see cref="Connection.Enqueue"/>).</summary>
internal enum WriteTiming
{
    /// <summary>With the next batch: the pool's writer is woken once for everything queued meanwhile (sends, casts, signals).</summary>
    Batched,

    /// <summary>At once, by the sender, when no write is under way: someone waits on this frame (a call's request, a reply).</summary>
    Now,

    /// <summary>
    /// Queued only: the caller queues another frame right after it that is written (a call's monitor before its
    /// request), so both go out in one write without waking the pool's writer in between.
    /// </summary>
    WithNext,
}
