using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// written. Writers never block: a frame is queued and one flusher on the thread pool writes everything queued in one
/// gathered socket write, so a burst of sends costs one system call. Incoming frames are handed to the node in
/// arrival order on the reader. Any fault closes the connection with a logged reason; the node then reports
/// <c>noconnection</c> to everything that depended on it.
/// </summary>
internal sealed class Connection : IThreadPoolWorkItem
{
    private const int MaxFramesPerWrite = 512;
    private const int MaxBytesPerWrite = 1 << 20;

    private readonly ConcurrentQueue<FrameBuffer> _outbox = new();
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly IConnectionOwner _owner;
    private readonly List<ArraySegment<byte>> _segments = new();
    private readonly List<FrameBuffer> _writing = new();
    private Socket? _socket;

    // The TLS stream over the socket when distribution runs over TLS; null for plain TCP (gathered socket writes).
    private Stream? _tls;
    private int _state;
    private int _flushing;
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
    public bool Enqueue(FrameBuffer frame)
    {
        if (State == ConnectionState.Closed)
        {
            frame.Return();
            return false;
        }

        _outbox.Enqueue(frame);
        if (State == ConnectionState.Up)
        {
            ScheduleFlush();
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
        Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
        if (Interlocked.CompareExchange(ref _state, (int)ConnectionState.Up, (int)ConnectionState.Pending) != (int)ConnectionState.Pending)
        {
            tls?.Dispose();
            socket.Dispose();
            return;
        }

        _ready.TrySetResult(true);
        _ = ReadLoopAsync(maxFrameSize);
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

    private async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                long bytes = 0;
                while (_writing.Count < MaxFramesPerWrite && bytes < MaxBytesPerWrite && _outbox.TryDequeue(out var frame))
                {
                    _writing.Add(frame);
                    _segments.Add(frame.Segment);
                    bytes += frame.Length;
                }

                if (_writing.Count == 0)
                {
                    Volatile.Write(ref _flushing, 0);
                    if (_outbox.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                if (_tls is { } tls)
                {
                    await WriteTlsAsync(tls, bytes).ConfigureAwait(false);
                }
                else
                {
                    await SendAllAsync(bytes).ConfigureAwait(false);
                }

                var messages = 0;
                foreach (var written in _writing)
                {
                    messages += written.Length > 4 ? 1 : 0;
                    written.Return();
                }

                Metrics.Sent(bytes, messages);
                Volatile.Write(ref _wroteSinceTick, 1);
                _writing.Clear();
                _segments.Clear();
                if (State == ConnectionState.Closed)
                {
                    // Give up the flusher role so Drain can take it and return what is still queued.
                    Volatile.Write(ref _flushing, 0);
                    Drain();
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            foreach (var written in _writing)
            {
                written.Return();
            }

            _writing.Clear();
            _segments.Clear();
            Close($"write failed: {exception.Message}");
        }
    }

    /// <summary>
    /// TLS has no gathered write: the batch is copied into one pooled buffer and written once, so a burst still costs
    /// one TLS record sequence and one system call rather than one per frame.
    /// </summary>
    private async Task WriteTlsAsync(Stream tls, long total)
    {
        var batch = ArrayPool<byte>.Shared.Rent((int)total);
        try
        {
            var offset = 0;
            foreach (var segment in _segments)
            {
                segment.AsSpan().CopyTo(batch.AsSpan(offset));
                offset += segment.Count;
            }

            await tls.WriteAsync(batch.AsMemory(0, offset), _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception)
        {
            throw new IOException("the connection closed during a write", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    private async Task SendAllAsync(long total)
    {
        var socket = _socket!;
        var sent = await socket.SendAsync(_segments, SocketFlags.None).ConfigureAwait(false);
        while (sent < total)
        {
            // A partial gathered write: drop what went out and send the rest.
            var skip = sent;
            var remaining = new List<ArraySegment<byte>>();
            foreach (var segment in _segments)
            {
                if (skip >= segment.Count)
                {
                    skip -= segment.Count;
                    continue;
                }

                remaining.Add(segment.Slice((int)skip));
                skip = 0;
            }

            _segments.Clear();
            _segments.AddRange(remaining);
            total -= sent;
            sent = await socket.SendAsync(_segments, SocketFlags.None).ConfigureAwait(false);
            if (sent == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
        }
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

    private async Task ReadLoopAsync(int maxFrameSize)
    {
        var socket = _socket!;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var start = 0;
        var end = 0;
        string reason = "connection closed by peer";
        try
        {
            while (true)
            {
                // Parse every complete frame in the buffer.
                while (end - start >= 4)
                {
                    var length = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
                    if (length > (uint)maxFrameSize)
                    {
                        reason = $"frame of {length} bytes exceeds the maximum frame size {maxFrameSize}";
                        return;
                    }

                    if (end - start - 4 < length)
                    {
                        if (4 + length > buffer.Length)
                        {
                            // Grow only to the announced length, which is bounded above.
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
                    if (length > 0)
                    {
                        var error = _owner.OnFrame(this, buffer.AsSpan(start + 4, (int)length));
                        if (error is not null)
                        {
                            reason = $"malformed frame: {error}";
                            return;
                        }
                    }

                    start += 4 + (int)length;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                var read = _tls is { } tls
                    ? await tls.ReadAsync(buffer.AsMemory(end), _stop.Token).ConfigureAwait(false)
                    : await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
                end += read;
            }
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = exception is OperationCanceledException ? "closed" : $"read failed: {exception.Message}";
        }
#pragma warning disable CA1031 // The network boundary: whatever a peer's bytes provoke closes this connection only, with the reason logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            reason = $"handling a frame failed: {exception.GetType().Name}: {exception.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close(reason);
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
                    var tick = new FrameBuffer(8);
                    tick.Seal();
                    Enqueue(tick);
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
