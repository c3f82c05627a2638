using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Scheduling;

namespace Arbor.Distribution.Connections;

/// <summary>
/// The reading half of a connection: bytes in, complete frames handed to the node in arrival order, and the first
/// fault (a socket error, an oversized or malformed frame, a handler that threw) closes the connection with its reason.
/// </summary>
/// <remarks>
/// <para>
/// A plain TCP connection reads on a thread of its own that waits in <c>poll</c> until bytes arrive (see
/// <see cref="PolledSocket"/>): the kernel wakes that thread directly, with no event thread and no thread-pool hop in
/// between. A distribution connection is long-lived and a node has few, so one thread each costs little. After each
/// batch of frames the reader runs the first process the batch woke itself (<see cref="DeliveringThread"/>), so a
/// remote call's request is handled with no further wake-up, as on the BEAM, whose schedulers both poll the
/// distribution ports and run the processes their data wakes.
/// </para>
/// <para>
/// A handler that keeps the reader longer than the watchdog's "held" mark (a few tens of milliseconds) must not stall
/// the connection: the watchdog hands reading to a new reader thread, which takes over the read state as it was left
/// (the old thread only ever runs a turn between reads), and the old thread ends when its turn does. A TLS
/// connection reads asynchronously through its stream and leaves every process to the scheduler.
/// </para>
/// </remarks>
internal sealed partial class Connection
{
    private const int InitialReadBuffer = 64 * 1024;

    // Which plain reader thread reads, and whether it is running a turn: generation * 2, plus 1 during the turn.
    private int _readerPhase;

    private void StartReader(int maxFrameSize)
    {
        var state = new ReadState(ArrayPool<byte>.Shared.Rent(InitialReadBuffer), maxFrameSize);
        if (_tls is { } tls)
        {
            _ = ReadLoopAsync(state, memory => tls.ReadAsync(memory, _stop.Token), generation: -1);
            return;
        }

        StartReaderThread(state, generation: 0);
    }

    private void StartReaderThread(ReadState state, int generation)
    {
        var reader = new Thread(() =>
        {
            var self = Worker.This;
            self.WhenHeld = () => HandOverReading(state, generation);

            // The loop never suspends here (every read completes before it returns), so it runs on this thread throughout.
            _ = ReadLoopAsync(state, ReceiveBlocking, generation);
            self.WhenHeld = null;
        })
        {
            IsBackground = true,
            Name = "Arbor dist reader",
        };
        reader.UnsafeStart();
    }

    /// <summary>Reads what the socket has, the reader thread waiting in poll until something arrives.</summary>
    private ValueTask<int> ReceiveBlocking(Memory<byte> memory) => new(PolledSocket.Receive(_socket!, memory.Span, _stop.Token));

    /// <param name="state">The read buffer, owned by whoever runs this loop.</param>
    /// <param name="readInto">Reads some bytes into the memory given; 0 at the end of the stream.</param>
    /// <param name="generation">The plain reader thread's generation; -1 over TLS (no turns run on the reader).</param>
    private async Task ReadLoopAsync(ReadState state, Func<Memory<byte>, ValueTask<int>> readInto, int generation)
    {
        var reason = "connection closed by peer";
        var handedOver = false;
        try
        {
            while (true)
            {
                if (generation < 0)
                {
                    if (HandleFrames(state) is { } error)
                    {
                        reason = error;
                        return;
                    }
                }
                else if (HandleFramesThenRunWoken(state, generation, out handedOver) is { } error)
                {
                    reason = error;
                    return;
                }
                else if (handedOver)
                {
                    return; // a new reader thread reads on; this one ends with its long turn
                }

                var read = await readInto(state.Buffer.AsMemory(state.End)).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
                state.End += read;
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
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(state.Buffer);
                Close(reason);
            }
        }
    }

    /// <summary>
    /// Hands the frames read over, then runs the first process they woke on this thread. Returns why the connection
    /// must close, or null; <paramref name="handedOver"/> is true when reading moved to another thread meanwhile.
    /// </summary>
    private string? HandleFramesThenRunWoken(ReadState state, int generation, out bool handedOver)
    {
        handedOver = false;
        var self = DeliveringThread.BeginBatch();
        string? error;
        try
        {
            error = HandleFrames(state);
        }
        catch
        {
            DeliveringThread.EndBatch(self)?.Requeue();
            throw;
        }

        if (DeliveringThread.EndBatch(self) is not { } woken)
        {
            return error;
        }

        if (error is not null)
        {
            woken.Requeue();
            return error;
        }

        var inTurn = (generation * 2) + 1;
        Volatile.Write(ref _readerPhase, inTurn);
        DeliveringThread.Run(self, woken);
        handedOver = Interlocked.CompareExchange(ref _readerPhase, generation * 2, inTurn) != inTurn;
        return null;
    }

    /// <summary>
    /// Called by the watchdog when a turn holds reader <paramref name="generation"/>: if it is still in that turn, a
    /// reader of the next generation takes the read state over (the held one only finds out when its turn ends).
    /// </summary>
    private void HandOverReading(ReadState state, int generation)
    {
        var inTurn = (generation * 2) + 1;
        if (Interlocked.CompareExchange(ref _readerPhase, (generation + 1) * 2, inTurn) == inTurn)
        {
            Metrics.ReaderHandedOver();
            StartReaderThread(state, generation + 1);
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
    /// Hands every complete frame in the buffer to the node, then moves what is left of a partial frame to the front,
    /// growing the buffer (only to a length announced within the maximum frame size) when that frame does not fit.
    /// Returns why the connection must close, or null to read on.
    /// </summary>
    private string? HandleFrames(ReadState state)
    {
        var buffer = state.Buffer;
        var start = state.Start;
        var end = state.End;
        var maxFrameSize = state.MaxFrameSize;
        try
        {
            return HandleFrames(ref buffer, ref start, ref end, maxFrameSize);
        }
        finally
        {
            state.Buffer = buffer;
            state.Start = start;
            state.End = end;
        }
    }

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

    /// <summary>A reader's buffer: bytes <c>[Start..End)</c> are read and not yet handed over. Owned by one reader at a time.</summary>
    private sealed class ReadState(byte[] buffer, int maxFrameSize)
    {
        public byte[] Buffer = buffer;
        public int Start;
        public int End;
        public readonly int MaxFrameSize = maxFrameSize;
    }
}
