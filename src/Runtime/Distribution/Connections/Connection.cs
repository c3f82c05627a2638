using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Control;
using Arbor.Distribution.Handshake;

namespace Arbor.Distribution.Connections;

/// <summary>What a connection is doing.</summary>
public enum ConnectionState
{
    /// <summary>Connecting or in the handshake; frames sent meanwhile wait and go out once it is up.</summary>
    Pending,

    /// <summary>Handshake done: frames flow, ticks run.</summary>
    Up,

    /// <summary>Gone: the peer is disconnected (a later send starts a new connection).</summary>
    Closed,
}

/// <summary>
/// One connection to a peer node: 4-byte framed messages in both directions, ticks, and the frames waiting to be
/// written. Writers never block. A frame is queued, and whoever holds the writer role copies everything queued into one
/// contiguous batch and writes it with one system call, so a producer that outruns the socket makes big writes, not
/// many small ones. The writer role is taken by one work item on the thread pool — or, for a frame someone waits on
/// (a call, a reply), by the sender itself, which then writes at once with a non-blocking send and saves the hop to the
/// thread pool; whatever the socket does not take at once is finished by the pool's writer. Incoming frames are read in
/// large chunks and handed to the node in arrival order on the reader (see Connection.Reading.cs). Any fault closes the connection with a logged
/// reason; the node then reports <c>noconnection</c> to everything that depended on it.
/// </summary>
internal sealed partial class Connection : IThreadPoolWorkItem
{
    // One write carries at most this many bytes of small frames (copied into the batch); a frame larger than the batch
    // is written from its own buffer, alone.
    private const int BatchBytes = 64 * 1024;

    private readonly ConcurrentQueue<OutgoingFrame> _outbox = new();
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly IConnectionOwner _owner;
    private Socket? _socket;

    // The TLS stream over the socket when distribution runs over TLS; null for plain TCP (direct socket writes).
    private Stream? _tls;
    private int _state;

    // 1 while someone holds the writer role; only the holder touches the fields below it.
    private int _flushing;
    private byte[]? _batch;
    private OutgoingFrame? _largeFrame;
    private ArraySegment<byte> _unsent;
    private int _batchLength;
    private int _batchMessages;
    private int _wroteSinceTick;
    private long _lastReceivedMs;
    private string? _closeReason;

    public Connection(IConnectionOwner owner, string peerName)
    {
        _owner = owner;
        PeerName = peerName;
    }

    public string PeerName { get; }

    public HandshakeResult? Handshake { get; private set; }

    /// <summary>True when this node dialled the peer (the peer accepted).</summary>
    public bool Outgoing { get; set; }

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    public ConnectionMetrics Metrics { get; } = new();

    /// <summary>Links, monitors and calls that depend on this connection.</summary>
    public PeerSignals Signals { get; } = new();

    /// <summary>Completes with true when the connection is up, false when it closed before that.</summary>
    public Task<bool> Ready => _ready.Task;

    /// <summary>Why the connection closed (null while it is open).</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    public bool HasFlag(DistributionFlags flag) => Handshake is { } handshake && (handshake.Negotiated & flag) != 0;

    /// <summary>Queues a sealed frame; false (and the frame is returned to the pool) when the connection is closed.</summary>
    /// <param name="frame">The sealed frame.</param>
    /// <param name="timing">
    /// <see cref="WriteTiming.Now"/> when someone waits on this frame (a call, a reply): if no write is under way the
    /// caller writes what is queued itself, at once, with a non-blocking send. <see cref="WriteTiming.Batched"/> lets the
    /// pool's writer take it with whatever else has queued by then.
    /// </param>
    public bool Enqueue(OutgoingFrame frame, WriteTiming timing = WriteTiming.Batched)
    {
        if (State == ConnectionState.Closed)
        {
            frame.Return();
            return false;
        }

        _outbox.Enqueue(frame);
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

    /// <summary>Takes over a socket whose handshake has completed; frames queued while pending go out now.</summary>
    /// <param name="socket">The connected socket.</param>
    /// <param name="tls">The TLS stream over it, when the node runs distribution over TLS; frames then go through it.</param>
    /// <param name="handshake">The completed handshake.</param>
    /// <param name="tickTime">The net tick time.</param>
    /// <param name="maxFrameSize">The largest frame accepted.</param>
    public void Attach(Socket socket, Stream? tls, HandshakeResult handshake, TimeSpan tickTime, int maxFrameSize)
    {
        _socket = socket;
        _tls = tls;
        Handshake = handshake;
        if (tls is null)
        {
            // Synchronous sends (WriteNow) must never block the sender: they take what the socket buffer accepts and
            // leave the rest to the asynchronous writer. Asynchronous operations are unaffected.
            socket.Blocking = false;
        }

        Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
        if (Interlocked.CompareExchange(ref _state, (int)ConnectionState.Up, (int)ConnectionState.Pending) != (int)ConnectionState.Pending)
        {
            tls?.Dispose();
            socket.Dispose();
            return;
        }

        _ready.TrySetResult(true);
        StartReader(maxFrameSize);
        _ = TickLoopAsync(tickTime);
        ScheduleFlush();
    }

    /// <summary>Closes once; the owner is told (and reports noconnection) exactly once.</summary>
    public void Close(string reason)
    {
        var previous = Interlocked.Exchange(ref _state, (int)ConnectionState.Closed);
        if (previous == (int)ConnectionState.Closed)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason);
        _ready.TrySetResult(false);
        _stop.Cancel();
        _tls?.Dispose();
        _socket?.Dispose();
        Drain();
        _owner.OnClosed(this, reason, wasUp: previous == (int)ConnectionState.Up);
    }

    private void ScheduleFlush()
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync();

    /// <summary>
    /// The sender writes what is queued itself, one batch with one non-blocking send, when no write is under way (else
    /// the running writer takes the frame). What the socket does not accept at once, and frames queued meanwhile, go to
    /// the pool's writer, which keeps the role.
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

        // A partial write, frames queued meanwhile, or a close: the pool's writer carries on with the role held.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task FlushAsync()
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

                if (_tls is { } tls)
                {
                    await tls.WriteAsync(_unsent.AsMemory(), _stop.Token).ConfigureAwait(false);
                    Advance(_unsent.Count);
                }
                else
                {
                    var sent = await _socket!.SendAsync(_unsent.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                    if (sent == 0)
                    {
                        throw new SocketException((int)SocketError.ConnectionReset);
                    }

                    Advance(sent);
                }
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
        // Only when no flusher runs: it owns the frames it has taken. Frames queued after close are returned here.
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        while (_outbox.TryDequeue(out var frame))
        {
            frame.Return();
        }
    }

    private async Task TickLoopAsync(TimeSpan tickTime)
    {
        using var timer = new PeriodicTimer(tickTime / 4);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var silentMs = Environment.TickCount64 - Volatile.Read(ref _lastReceivedMs);
                if (silentMs > (long)tickTime.TotalMilliseconds)
                {
                    Close($"net_tick_timeout: nothing received for {silentMs} ms (net tick time {tickTime.TotalMilliseconds} ms)");
                    return;
                }

                if (Interlocked.Exchange(ref _wroteSinceTick, 0) == 0)
                {
                    Enqueue(OutgoingFrame.Tick);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }
}

/// <summary>The node side of a connection: what to do with its frames and its end.</summary>
internal interface IConnectionOwner
{
    /// <summary>Handles one frame (without its length); returns an error text when the frame is malformed.</summary>
    string? OnFrame(Connection connection, ReadOnlySpan<byte> frame);

    void OnClosed(Connection connection, string reason, bool wasUp);
}
