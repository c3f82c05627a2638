using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Distribution.Connections;

/// <summary>
/// The writing half of a connection. Senders never block: a frame is queued, and whoever holds the writer role copies
/// everything queued into one contiguous batch and writes it with one system call, so a producer that outruns the
/// socket makes big writes, not many small ones.
/// </summary>
/// <remarks>
/// The writer role is taken by the connection's writer — a thread of its own on plain TCP, which waits in <c>poll</c>
/// while the socket's send buffer is full (see <see cref="PolledSocket"/> for why not the socket's asynchronous
/// send); a thread-pool work item over TLS — or, for a frame someone waits on (a call, a reply), by the sender itself,
/// which then writes at once with a non-blocking send and saves a thread wake-up; whatever the socket does not take at
/// once is finished by the writer.
/// </remarks>
internal sealed partial class Connection : IThreadPoolWorkItem
{
    // One write carries at most this many bytes of small frames (copied into the batch); a frame larger than the batch
    // is written from its own buffer, alone.
    private const int BatchBytes = 64 * 1024;

    private readonly ConcurrentQueue<OutgoingFrame> _outbox = new();

    // Plain TCP: wakes the writer thread, for the role handed to it (_roleHandedOff) or for the close.
    private readonly ManualResetEventSlim _writeWanted = new(initialState: false);
    private int _roleHandedOff;

    // WriteTiming.Soon: 1 while such a frame may be queued unwritten (cleared when a batch is taken), and 1 while the
    // timer that writes it at the latest is armed.
    private int _soonQueued;
    private int _soonTimerArmed;
    private Timer? _soonTimer;

    // 1 while someone holds the writer role; only the holder touches the fields below it.
    private int _flushing;
    private byte[]? _batch;
    private OutgoingFrame? _largeFrame;
    private ArraySegment<byte> _unsent;
    private int _batchLength;
    private int _batchMessages;

    /// <summary>Queues a sealed frame; false (and the frame is returned to the pool) when the connection is closed.</summary>
    /// <param name="frame">The sealed frame.</param>
    /// <param name="timing">
    /// <see cref="WriteTiming.Now"/> when someone waits on this frame (a call, a reply): if no write is under way the
    /// caller writes what is queued itself, at once, with a non-blocking send. <see cref="WriteTiming.Batched"/> lets the
    /// writer take it with whatever else has queued by then.
    /// </param>
    public bool Enqueue(OutgoingFrame frame, WriteTiming timing = WriteTiming.Batched)
    {
        if (State == ConnectionState.Closed)
        {
            frame.Return();
            return false;
        }

        _outbox.Enqueue(frame);
        if (timing == WriteTiming.Soon)
        {
            WriteSoon();
            return true;
        }

        if (State == ConnectionState.Up)
        {
            if (timing == WriteTiming.Now && _tls is null)
            {
                WriteNow();
            }
            else if (timing != WriteTiming.WithNext)
            {
                ScheduleFlush();
            }
        }
        else if (State == ConnectionState.Closed)
        {
            Drain();
        }

        return true;
    }

    /// <summary>The longest a frame queued <see cref="WriteTiming.Soon"/> waits for another write to take it along.</summary>
    public static readonly TimeSpan SoonBound = TimeSpan.FromMilliseconds(2);

    /// <summary>A frame was queued <see cref="WriteTiming.Soon"/>: arms the timer that writes it if nothing else does.</summary>
    private void WriteSoon()
    {
        Interlocked.Exchange(ref _soonQueued, 1);
        if (Interlocked.Exchange(ref _soonTimerArmed, 1) == 1)
        {
            return;
        }

        var timer = Volatile.Read(ref _soonTimer);
        if (timer is null)
        {
            timer = new Timer(static state => ((Connection)state!).OnSoonTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (Interlocked.CompareExchange(ref _soonTimer, timer, null) is { } other)
            {
                timer.Dispose();
                timer = other;
            }
        }

        try
        {
            timer.Change(SoonBound, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: the close returns what is queued.
        }
    }

    private void OnSoonTimer()
    {
        // Disarmed first (a full fence): a frame queued from now on arms the timer again, one queued before is seen here.
        Interlocked.Exchange(ref _soonTimerArmed, 0);
        if (Volatile.Read(ref _soonQueued) == 1)
        {
            if (State == ConnectionState.Up)
            {
                ScheduleFlush();
            }
            else if (State == ConnectionState.Closed)
            {
                Drain();
            }
        }
    }

    /// <summary>Plain TCP: starts the writer thread, which lives until the connection closes.</summary>
    private void StartWriter()
    {
        if (_tls is not null)
        {
            return;
        }

        var writer = new Thread(WriterThread) { IsBackground = true, Name = "Arbor dist writer" };
        writer.UnsafeStart();
    }

    /// <summary>Takes the writer role if it is free and hands it to the writer.</summary>
    private void ScheduleFlush()
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            HandToWriter();
        }
    }

    /// <summary>Hands the writer role, held by the caller, to the connection's writer.</summary>
    private void HandToWriter()
    {
        if (_tls is null)
        {
            Volatile.Write(ref _roleHandedOff, 1);
            _writeWanted.Set();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync(WriteSomeTlsAsync);

    private void WriterThread()
    {
        while (true)
        {
            _writeWanted.Wait();
            _writeWanted.Reset();
            if (Interlocked.Exchange(ref _roleHandedOff, 0) == 1)
            {
                // Every send completes before it returns (waiting in poll), so the loop runs to its end on this
                // thread, and gives up the role at its end (returning the frames queued if the connection closed).
                _ = FlushAsync(WriteSomePlain);
            }

            if (State == ConnectionState.Closed)
            {
                Drain();
                return;
            }
        }
    }

    /// <summary>Plain TCP, on the writer thread: writes what the socket takes, waiting in poll while its buffer is full.</summary>
    private ValueTask<int> WriteSomePlain(ArraySegment<byte> bytes)
    {
        var socket = _socket!;
        while (true)
        {
            var sent = socket.Send(bytes.AsSpan(), SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return new ValueTask<int>(sent);
            }

            if (error != SocketError.WouldBlock)
            {
                throw new SocketException((int)error);
            }

            _stop.Token.ThrowIfCancellationRequested();
            socket.Poll(PolledSocket.WaitSlice, SelectMode.SelectWrite);
        }
    }

    private async ValueTask<int> WriteSomeTlsAsync(ArraySegment<byte> bytes)
    {
        await _tls!.WriteAsync(bytes.AsMemory(), _stop.Token).ConfigureAwait(false);
        return bytes.Count;
    }

    /// <summary>
    /// The sender writes what is queued itself, one batch with one non-blocking send, when no write is under way (else
    /// the running writer takes the frame). What the socket does not accept at once, and frames queued meanwhile, go to
    /// the writer, which keeps the role.
    /// </summary>
    private void WriteNow()
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (TakeBatch())
            {
                var sent = _socket!.Send(_unsent.AsSpan(), SocketFlags.None, out var error);
                if (error is not (SocketError.Success or SocketError.WouldBlock))
                {
                    throw new SocketException((int)error);
                }

                if (error == SocketError.Success)
                {
                    Advance(sent);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            ReleaseBatch();
            Volatile.Write(ref _flushing, 0);
            Close($"write failed: {exception.Message}");
            Drain(); // in case the connection had closed already (Close then does nothing)
            return;
        }

        if (_unsent.Count == 0 && _outbox.IsEmpty && State != ConnectionState.Closed)
        {
            Volatile.Write(ref _flushing, 0);
            if (_outbox.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
            {
                return;
            }
        }

        // A partial write, frames queued meanwhile, or a close: the writer carries on with the role held.
        HandToWriter();
    }

    /// <summary>The writer's loop, role held: batches written until nothing is queued, then the role given up.</summary>
    /// <param name="writeSome">Writes some of the bytes, at least one, and returns how many.</param>
    private async Task FlushAsync(Func<ArraySegment<byte>, ValueTask<int>> writeSome)
    {
        try
        {
            while (true)
            {
                if (_unsent.Count == 0 && !TakeBatch())
                {
                    Volatile.Write(ref _flushing, 0);
                    if (State == ConnectionState.Closed)
                    {
                        Drain();
                        return;
                    }

                    if (_outbox.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                if (State == ConnectionState.Closed)
                {
                    // Give up the writer role so Drain can take it and return what is still queued.
                    ReleaseBatch();
                    Volatile.Write(ref _flushing, 0);
                    Drain();
                    return;
                }

                var sent = await writeSome(_unsent).ConfigureAwait(false);
                if (sent == 0)
                {
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                Advance(sent);
            }
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            ReleaseBatch();
            Volatile.Write(ref _flushing, 0);
            Close($"write failed: {exception.Message}");
            Drain(); // in case the connection had closed already (Close then does nothing)
        }
    }

    /// <summary>
    /// The writer role's next write: the queued frames copied into the batch (each returned to its pool at once), or
    /// one frame larger than the batch on its own. False when nothing is queued.
    /// </summary>
    private bool TakeBatch()
    {
        // Whatever Soon frame is queued now is taken by this batch or a next one of the same writer.
        Volatile.Write(ref _soonQueued, 0);
        if (!_outbox.TryPeek(out var first))
        {
            return false;
        }

        if (first.Length > BatchBytes)
        {
            // Only the writer role dequeues, so the frame peeked is the frame taken.
            _outbox.TryDequeue(out _);
            _largeFrame = first;
            _unsent = first.Segment;
            _batchLength = first.Length;
            _batchMessages = 1;
            return true;
        }

        var batch = _batch ??= new byte[BatchBytes];
        var used = 0;
        var messages = 0;
        while (_outbox.TryPeek(out var frame) && frame.Length <= BatchBytes - used)
        {
            _outbox.TryDequeue(out _);
            frame.Segment.AsSpan().CopyTo(batch.AsSpan(used));
            used += frame.Length;
            messages += frame.IsTick ? 0 : 1;
            frame.Return();
        }

        _unsent = new ArraySegment<byte>(batch, 0, used);
        _batchLength = used;
        _batchMessages = messages;
        return true;
    }

    /// <summary>Records <paramref name="sent"/> bytes of the current write as written; a finished write frees its frame.</summary>
    private void Advance(int sent)
    {
        _unsent = _unsent.Slice(sent);
        Volatile.Write(ref _wroteSinceTick, 1);
        if (_unsent.Count == 0)
        {
            Metrics.Sent(_batchLength, _batchMessages);
            ReleaseBatch();
        }
    }

    private void ReleaseBatch()
    {
        _unsent = default;
        _largeFrame?.Return();
        _largeFrame = null;
    }

    private void Drain()
    {
        // Only when no writer runs: it owns the frames it has taken. Frames queued after close are returned here.
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        while (_outbox.TryDequeue(out var frame))
        {
            frame.Return();
        }
    }
}
