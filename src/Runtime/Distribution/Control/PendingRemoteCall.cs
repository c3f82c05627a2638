using System;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Timers;

namespace Arbor.Distribution.Control;

/// <summary>
/// A call to a process on another node, waiting for <c>{Tag, Reply}</c>. The callee is monitored under the call's
/// reference, so its death (or <c>noproc</c> for a name nobody holds) fails the call at once, like a local call; the
/// node's shared timer fails it on timeout; the loss of the connection fails it with <c>noconnection</c>.
/// </summary>
internal sealed class PendingRemoteCall : TimerEntry
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingRemoteCall(long key, Connection connection, Pid target, object targetTerm, string description, TimeSpan timeout)
    {
        Key = key;
        Connection = connection;
        Target = target;
        TargetTerm = targetTerm;
        Description = description;
        Timeout = timeout;
    }

    public long Key { get; }

    public Connection Connection { get; }

    /// <summary>The callee's pid, or <see cref="Pid.None"/> for a call by name.</summary>
    public Pid Target { get; }

    /// <summary>What the monitor names: the callee's pid on the wire or its registered name.</summary>
    public object TargetTerm { get; }

    public string Description { get; }

    public TimeSpan Timeout { get; }

    public Task<object?> Task => _completion.Task;

    /// <summary>Called by the node when this call is over, whatever ended it (to drop the monitor and the table entry).</summary>
    public Action<PendingRemoteCall, bool>? Finished { get; set; }

    public bool TryComplete(object? reply)
    {
        if (!_completion.TrySetResult(reply))
        {
            return false;
        }

        TryCancel();
        Finished?.Invoke(this, true);
        return true;
    }

    public bool TryFail(Exception exception)
    {
        if (!_completion.TrySetException(exception))
        {
            return false;
        }

        TryCancel();
        Finished?.Invoke(this, false);
        return true;
    }

    protected override void OnExpired() => TryFail(new CallTimeoutException(Target, Timeout, Description));
}
