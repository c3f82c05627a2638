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
/// One connection to a peer node: 4-byte framed messages in both directions, ticks, its state and its close. Frames go
/// out in batches (Connection.Writing.cs) and come in in arrival order (Connection.Reading.cs). Any fault closes the
/// connection with a logged reason; the node then reports <c>noconnection</c> to everything that depended on it.
/// </summary>
internal sealed partial class Connection
{
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly IConnectionOwner _owner;
    private Socket? _socket;

    // The TLS stream over the socket when distribution runs over TLS; null for plain TCP (direct socket writes).
    private Stream? _tls;
    private int _state;

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
        StartWriter();
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
        _writeWanted.Set(); // the writer thread ends
        Volatile.Read(ref _soonTimer)?.Dispose();
        Drain();
        _owner.OnClosed(this, reason, wasUp: previous == (int)ConnectionState.Up);
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
