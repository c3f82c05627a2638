using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Connections;

/// <summary>
/// A stream over a non-blocking socket whose reads and writes, synchronous and "asynchronous" alike, complete on the
/// calling thread by waiting in <c>poll</c> (<see cref="PolledSocket"/>). The plain TCP handshake runs over it on a
/// thread of its own, so the socket is never registered with the runtime's event loop. It does not own the socket.
/// </summary>
internal sealed class PolledSocketStream(Socket socket) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => PolledSocket.Receive(socket, buffer, CancellationToken.None);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(PolledSocket.Receive(socket, buffer.Span, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(PolledSocket.Receive(socket, buffer.AsSpan(offset, count), cancellationToken));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => PolledSocket.SendAll(socket, buffer, CancellationToken.None);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        PolledSocket.SendAll(socket, buffer.Span, cancellationToken);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        PolledSocket.SendAll(socket, buffer.AsSpan(offset, count), cancellationToken);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
