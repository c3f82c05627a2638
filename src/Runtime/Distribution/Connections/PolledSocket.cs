using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Arbor.Distribution.Connections;

/// <summary>
/// Synchronous I/O on a non-blocking socket that waits in <c>poll</c> on the calling thread: connect, receive and send,
/// each wait bounded so a cancellation (a closed connection, a handshake deadline) is seen within
/// <see cref="WaitSlice"/>.
/// </summary>
/// <remarks>
/// Why not the socket's asynchronous operations: the first one that has to wait registers the socket with the
/// runtime's event loop for good (edge-triggered, for reads and writes). From then on every segment that arrives and
/// every acknowledgement that frees send space wakes the event thread too, even with no operation pending: three to
/// four extra thread wake-ups per remote call on a two-core machine. A plain TCP distribution connection is only ever
/// touched through these methods, on its own reader and writer threads (and by senders that write at once), so it
/// never registers.
/// </remarks>
internal static class PolledSocket
{
    /// <summary>The longest single wait in <c>poll</c>: closing a socket does not reliably wake a thread blocked on it.</summary>
    public static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads what the socket has (at least one byte; 0 at the end of the stream), waiting until something arrives.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="SocketException">The socket failed.</exception>
    public static int Receive(Socket socket, Span<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = socket.Receive(buffer, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return read;
            }

            WaitFor(socket, error, SelectMode.SelectRead, cancellationToken);
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>, waiting whenever the socket's send buffer is full.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="SocketException">The socket failed.</exception>
    public static void SendAll(Socket socket, ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = socket.Send(bytes, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                bytes = bytes[sent..];
                continue;
            }

            WaitFor(socket, error, SelectMode.SelectWrite, cancellationToken);
        }
    }

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts, each attempt waiting in <c>poll</c>.</summary>
    /// <returns>The connected non-blocking socket (with no delay), owned by the caller.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while connecting.</exception>
    /// <exception cref="SocketException">No address accepted; the last attempt's error.</exception>
    public static Socket Connect(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
            try
            {
                ConnectOne(socket, new IPEndPoint(address, port), cancellationToken);
                return socket;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static void ConnectOne(Socket socket, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            socket.Connect(endpoint);
            return;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Under way: writable once it has connected or failed.
        }

        while (!socket.Poll(WaitSlice, SelectMode.SelectWrite))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int code and not 0)
        {
            throw new SocketException(code);
        }
    }

    private static void WaitFor(Socket socket, SocketError error, SelectMode mode, CancellationToken cancellationToken)
    {
        if (error != SocketError.WouldBlock)
        {
            throw new SocketException((int)error);
        }

        cancellationToken.ThrowIfCancellationRequested();
        socket.Poll(WaitSlice, mode);
    }
}
