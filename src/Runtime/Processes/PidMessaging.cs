using System;
using Arbor.Protocol;

namespace Arbor;

/// <summary>Plain sends (OTP <c>Pid ! Message</c>): the message arrives at the receiver's info handler.</summary>
public static class PidMessaging
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="pid"/>. Never fails: a send to a process that has exited is
    /// dropped, as in Erlang. Messages from one sender arrive in the order they were sent. A send made by the handler of a
    /// process that has already exited (killed while the handler ran on) is dropped too. A remote pid's message is
    /// encoded as an Erlang term (see <c>docs/distribution.md</c>) and goes over the connection to its node, which is
    /// made if needed.
    /// </summary>
    /// <exception cref="ArgumentException">The pid is remote and the message has no Erlang term form.</exception>
    public static void Send(this Pid pid, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Envelope)
        {
            throw new ArgumentException(
                "Call and cast requests go through GenServer.CallAsync / GenServer.Cast (or the generated client), not a plain send.",
                nameof(message));
        }

        if (Process.SenderHasExited)
        {
            return;
        }

        if (pid.Process is { } process)
        {
            process.Enqueue(new InfoEnvelope(message));
        }
        else if (pid.IsRemote)
        {
            Arbor.Distribution.RemoteRoute.For(pid)?.Send(Process.Current?.Pid ?? Pid.None, pid, message);
        }
    }
}
