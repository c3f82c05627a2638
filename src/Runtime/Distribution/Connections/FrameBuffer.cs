using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Arbor.Distribution.Connections;

/// <summary>
/// Where a frame is encoded: a pooled array that grows as terms are written, with room for the 4-byte length reserved
/// at its start. One per sending thread, reused frame after frame; <see cref="Seal"/> hands the encoded bytes over as an
/// <see cref="OutgoingFrame"/> and leaves the buffer empty for the next.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    // Frames up to this size are copied out into an array of their exact size: one small allocation per message, and
    // nothing rented stays out while the frame waits in a queue (a producer far ahead of the socket would empty the
    // shared pool). Larger frames hand over their pooled array instead of being copied.
    private const int CopyOutBytes = 1024;
    private const int InitialBytes = 256;

    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _written = 4;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>Starts a new frame (whatever was written and not sealed is dropped).</summary>
    public void Reset() => _written = 4;

    /// <summary>Writes the length prefix (everything after it) and hands the frame over; the buffer is empty afterwards.</summary>
    public OutgoingFrame Seal()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_array, (uint)(_written - 4));
        OutgoingFrame frame;
        if (_written <= CopyOutBytes)
        {
            frame = new OutgoingFrame(_array.AsSpan(0, _written).ToArray(), _written, pooled: false);
        }
        else
        {
            frame = new OutgoingFrame(_array, _written, pooled: true);
            _array = ArrayPool<byte>.Shared.Rent(InitialBytes);
        }

        _written = 4;
        return frame;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_array);
        _array = grown;
    }
}

/// <summary>A sealed frame waiting to be written: its bytes, the 4-byte length prefix included.</summary>
internal readonly struct OutgoingFrame
{
    private readonly byte[] _array;
    private readonly bool _pooled;

    public OutgoingFrame(byte[] array, int length, bool pooled)
    {
        _array = array;
        Length = length;
        _pooled = pooled;
    }

    /// <summary>A tick: an empty frame (a zero length and nothing after it).</summary>
    public static OutgoingFrame Tick { get; } = new(new byte[4], 4, pooled: false);

    public int Length { get; }

    /// <summary>True for a tick (no message).</summary>
    public bool IsTick => Length == 4;

    public ArraySegment<byte> Segment => new(_array, 0, Length);

    /// <summary>Gives a pooled array back once the frame is written or dropped.</summary>
    public void Return()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
