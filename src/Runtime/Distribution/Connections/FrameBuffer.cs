using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Arbor.Distribution.Connections;

/// <summary>
/// One outgoing frame being encoded: a pooled array that grows as terms are written, with room for the 4-byte length
/// reserved at its start. Returned to the pool once the socket has written it.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    private byte[] _array;
    private int _written;

    public FrameBuffer(int sizeHint = 256)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 64));
        _written = 4;
    }

    /// <summary>The bytes of the frame, length prefix included (valid after <see cref="Seal"/>).</summary>
    public ArraySegment<byte> Segment => new(_array, 0, _written);

    public int Length => _written;

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

    /// <summary>Writes the length prefix (everything after it).</summary>
    public void Seal() => BinaryPrimitives.WriteUInt32BigEndian(_array, (uint)(_written - 4));

    public void Return()
    {
        var array = _array;
        _array = Array.Empty<byte>();
        _written = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
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
