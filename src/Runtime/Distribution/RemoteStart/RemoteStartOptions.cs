using System;
using System.Threading;

namespace Arbor.Distribution.RemoteStart;

/// <summary>Options of <see cref="ArborNode.StartRemoteAsync(string, string, System.Collections.Generic.IReadOnlyList{object?}?, RemoteStartOptions?)"/>.</summary>
public sealed class RemoteStartOptions
{
    internal static readonly RemoteStartOptions Default = new();

    /// <summary>
    /// Link the new process to the calling process (OTP <c>spawn_request</c>'s <c>link</c>): the link is in place on
    /// both nodes before the start completes, so no exit is missed. Requires a call from inside a process.
    /// </summary>
    public bool Link { get; init; }

    /// <summary>
    /// How long to wait for the other node's answer (its connection, the server's init, the reply); 5 s by default,
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait as long as the connection lives. A reply that comes later is
    /// abandoned: a process it started with a link is told to exit (reason <c>abandoned</c>).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
