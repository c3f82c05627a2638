using System;
using System.Threading.Tasks;
using Arbor.Distribution.Connections;
using Arbor.Timers;

namespace Arbor.Distribution.Control;

/// <summary>
/// A spawn request this node sent, waiting for its SPAWN_REPLY. It ends exactly once: with the reply, on timeout (the
/// node's shared timer), or with <c>noconnection</c> when the connection is lost. Whatever ends it removes it from the
/// connection's table, so a reply arriving afterwards finds nothing and is treated as abandoned.
/// </summary>
internal sealed class PendingSpawn : TimerEntry
{
    private readonly TaskCompletionSource<StartResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingSpawn(long key, Connection connection, Process? parent, bool link, string description)
    {
        Key = key;
        Connection = connection;
        Parent = parent;
        Link = link;
        Description = description;
    }

    public long Key { get; }

    public Connection Connection { get; }

    /// <summary>The process the new one is linked to (null when no link was asked for).</summary>
    public Process? Parent { get; }

    public bool Link { get; }

    /// <summary>What is being started, for logs: <c>'counter' on b@host</c>.</summary>
    public string Description { get; }

    public Task<StartResult> Task => _completion.Task;

    /// <summary>Ends the wait; false if it had already ended (the reply came too late).</summary>
    public bool TryFinish(StartResult result)
    {
        if (!Connection.Signals.Spawns.TryRemove(Key, out _))
        {
            return false;
        }

        TryCancel();
        return _completion.TrySetResult(result);
    }

    protected override void OnExpired() => TryFinish(StartResult.Failed(ExitReason.Other(SpawnAtoms.Timeout)));
}
