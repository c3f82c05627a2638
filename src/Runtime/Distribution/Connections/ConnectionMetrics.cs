using System.Threading;

namespace Arbor.Distribution.Connections;

/// <summary>Traffic counters of one connection (bytes include frame headers; messages count non-tick frames).</summary>
public sealed class ConnectionMetrics
{
    private long _bytesIn;
    private long _bytesOut;
    private long _messagesIn;
    private long _messagesOut;
    private long _readerHandOvers;

    /// <summary>Bytes received.</summary>
    public long BytesIn => Volatile.Read(ref _bytesIn);

    /// <summary>Bytes sent.</summary>
    public long BytesOut => Volatile.Read(ref _bytesOut);

    /// <summary>Frames (control messages) received, ticks excluded.</summary>
    public long MessagesIn => Volatile.Read(ref _messagesIn);

    /// <summary>Frames (control messages) sent, ticks excluded.</summary>
    public long MessagesOut => Volatile.Read(ref _messagesOut);

    /// <summary>
    /// Times a handler ran long on the connection's reader thread (which runs the processes its frames wake) and reading
    /// moved to a new thread so the connection did not stall.
    /// </summary>
    public long ReaderHandOvers => Volatile.Read(ref _readerHandOvers);

    internal void ReaderHandedOver() => Interlocked.Increment(ref _readerHandOvers);

    internal void Received(int bytes, bool message)
    {
        Interlocked.Add(ref _bytesIn, bytes);
        if (message)
        {
            Interlocked.Increment(ref _messagesIn);
        }
    }

    internal void Sent(long bytes, int messages)
    {
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Add(ref _messagesOut, messages);
    }
}
