using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Connections;

/// <summary>
/// The reading half of a connection: bytes in, complete frames handed to the node in arrival order, and the first
/// fault (a socket error, an oversized or malformed frame, a handler that threw) closes the connection with its reason.
/// </summary>
/// <remarks>
/// A plain TCP connection reads on a thread of its own that blocks until bytes arrive: the kernel wakes that thread
/// directly, where an asynchronous receive wakes the runtime's socket-event thread, which then queues the continuation
/// to a thread-pool thread that has to be woken in turn. A distribution connection is long-lived and a node has few,
/// so one thread each costs little, and every message saves a thread hop (the BEAM reads its distribution ports on its
/// scheduler threads, with no hop either). A TLS connection reads asynchronously through its stream.
/// </remarks>
internal sealed partial class Connection
{
    // How long the reader thread waits for bytes before it checks again whether the connection has closed: closing
    // a socket does not reliably wake a thread blocked on it, so the wait is bounded.
    private const int ReaderPollMicroseconds = 200_000;

    private const int InitialReadBuffer = 64 * 1024;

    private void StartReader(int maxFrameSize)
    {
        if (_tls is { } tls)
        {
            _ = ReadLoopAsync(maxFrameSize, memory => tls.ReadAsync(memory, _stop.Token));
            return;
        }

        // The loop never suspends here (every read completes before it returns), so it runs on this thread throughout.
        var reader = new Thread(() => _ = ReadLoopAsync(maxFrameSize, ReceiveBlocking))
        {
            IsBackground = true,
            Name = "Arbor distribution reader",
        };
        reader.UnsafeStart();
    }

    /// <summary>
    /// Reads what the socket has, blocking the reader thread until something arrives (in bounded waits, re-checking that
    /// the connection is still open). The socket stays non-blocking for the writers' sake: an empty socket answers
    /// "would block", and the thread then waits in <c>poll</c>.
    /// </summary>
    private ValueTask<int> ReceiveBlocking(Memory<byte> memory)
    {
        var socket = _socket!;
        while (true)
        {
            var read = socket.Receive(memory.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return new ValueTask<int>(read);
            }

            if (error != SocketError.WouldBlock)
            {
                throw new SocketException((int)error);
            }

            if (State == ConnectionState.Closed)
            {
                throw new OperationCanceledException("The connection closed.");
            }

            socket.Poll(ReaderPollMicroseconds, SelectMode.SelectRead);
        }
    }

    private async Task ReadLoopAsync(int maxFrameSize, Func<Memory<byte>, ValueTask<int>> readInto)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReadBuffer);
        var start = 0;
        var end = 0;
        var reason = "connection closed by peer";
        try
        {
            while (true)
            {
                if (HandleFrames(ref buffer, ref start, ref end, maxFrameSize) is { } error)
                {
                    reason = error;
                    return;
                }

                var read = await readInto(buffer.AsMemory(end)).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
                end += read;
            }
        }
#pragma warning disable CA1031 // The network boundary: whatever happens here closes this connection only, with the reason logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            reason = CloseReasonFor(exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close(reason);
        }
    }

    /// <summary>Why a read loop ended on <paramref name="exception"/>: an I/O fault, a close, or a frame whose handling failed.</summary>
    private static string CloseReasonFor(Exception exception) => exception switch
    {
        OperationCanceledException => "closed",
        SocketException or IOException or ObjectDisposedException => $"read failed: {exception.Message}",
        _ => $"handling a frame failed: {exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>
    /// Hands every complete frame in <c>buffer[start..end)</c> to the node, then moves what is left of a partial frame
    /// to the front, growing the buffer (only to a length announced within <paramref name="maxFrameSize"/>) when that
    /// frame does not fit. Returns why the connection must close, or null to read on.
    /// </summary>
    private string? HandleFrames(ref byte[] buffer, ref int start, ref int end, int maxFrameSize)
    {
        while (end - start >= 4)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
            if (length > (uint)maxFrameSize)
            {
                return $"frame of {length} bytes exceeds the maximum frame size {maxFrameSize}";
            }

            if (end - start - 4 < length)
            {
                if (4 + length > buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)length + 4);
                    buffer.AsSpan(start, end - start).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                    end -= start;
                    start = 0;
                }

                break;
            }

            Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
            Metrics.Received((int)length + 4, message: length > 0);
            if (length > 0 && _owner.OnFrame(this, buffer.AsSpan(start + 4, (int)length)) is { } error)
            {
                return $"malformed frame: {error}";
            }

            start += 4 + (int)length;
        }

        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        return null;
    }
}
