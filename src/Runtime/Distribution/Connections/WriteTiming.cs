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

    /// <summary>
    /// Not urgent (the demonitor after a finished call): goes out with the next write, or at the latest after
    /// <see cref="Connection.SoonBound"/> when nothing else is written by then. A sequential caller's demonitor thus
    /// rides in the write of its next call, with no write and no wake-up of its own on either node.
    /// </summary>
    Soon,
}
