using System.Collections.Generic;
using Arbor.Protocol;

namespace Arbor;

internal sealed partial class Process
{
    /// <summary>
    /// Links this process with <paramref name="other"/> (both directions, idempotent). Linking to a process that has
    /// exited delivers a <c>noproc</c> exit signal to this process instead.
    /// </summary>
    public void Link(Process other)
    {
        if (ReferenceEquals(other, this))
        {
            return;
        }

        var (first, second) = _id < other._id ? (this, other) : (other, this);
        var linked = false;
        lock (first)
        {
            lock (second)
            {
                if (IsExitedLocked() || other.IsExitedLocked())
                {
                    linked = false;
                }
                else
                {
                    (Extras.Links ??= new HashSet<Process>()).Add(other);
                    (other.Extras.Links ??= new HashSet<Process>()).Add(this);
                    linked = true;
                }
            }
        }

        if (!linked && other.IsExitedLocked())
        {
            EnqueueSignal(new ExitSignal(other.Pid, ExitReason.NoProc, ExitSignalSource.DeadLink));
        }
    }

    /// <summary>Removes the link in both directions; no-op when not linked.</summary>
    public void Unlink(Process other)
    {
        var (first, second) = _id < other._id ? (this, other) : (other, this);
        lock (first)
        {
            lock (second)
            {
                _extras?.Links?.Remove(other);
                other._extras?.Links?.Remove(this);
            }
        }
    }

    /// <summary>How many links and watching monitors the process has (a snapshot).</summary>
    public (int Links, int Watchers) CountLinksAndWatchers()
    {
        lock (this)
        {
            return (_extras?.Links?.Count ?? 0, _extras?.Watchers?.Count ?? 0);
        }
    }

    /// <summary>True if linked with <paramref name="other"/> (a snapshot).</summary>
    public bool IsLinkedWith(Process other)
    {
        lock (this)
        {
            return _extras?.Links?.Contains(other) == true;
        }
    }

    /// <summary>
    /// Starts monitoring <paramref name="target"/>; monitors stack (each call gives a new reference and a
    /// separate <see cref="Down"/>). A target that has already exited yields a <c>noproc</c> Down at once.
    /// </summary>
    public MonitorRef Monitor(Pid target)
    {
        var reference = new MonitorRef(this, target);
        if (target.IsRemote)
        {
            (Extras.Monitors ??= new List<MonitorRef>()).Add(reference);
            if (Node.Distribution is { } distribution)
            {
                distribution.Monitor(reference);
            }
            else
            {
                Enqueue(new InfoEnvelope(new Down(reference, target, ExitReason.NoConnection)));
            }

            return reference;
        }

        var process = target.Process;
        var added = false;
        if (process is not null)
        {
            lock (process)
            {
                if (!process.IsExitedLocked())
                {
                    (process.Extras.Watchers ??= new List<MonitorRef>()).Add(reference);
                    added = true;
                }
            }
        }

        if (added)
        {
            // Kept under the lock: a kill from another thread takes this list in the exit sequence.
            bool kept;
            lock (this)
            {
                kept = _exitReason is null;
                if (kept)
                {
                    (Extras.Monitors ??= new List<MonitorRef>()).Add(reference);
                }
            }

            if (!kept)
            {
                // This process exited meanwhile (killed while its handler ran): the monitor never existed.
                lock (process!)
                {
                    process._extras?.Watchers?.Remove(reference);
                }
            }
        }
        else
        {
            Enqueue(new InfoEnvelope(new Down(reference, target, ExitReason.NoProc)));
        }

        return reference;
    }

    /// <summary>
    /// Removes a monitor. With <paramref name="flush"/>, a <see cref="Down"/> for it that is already queued is dropped.
    /// Returns true if the monitor was still active.
    /// </summary>
    public bool Demonitor(MonitorRef reference, bool flush)
    {
        if (flush)
        {
            reference.MarkFlushed();
        }

        ForgetMonitor(reference);
        if (reference.Target.IsRemote)
        {
            return Node.Distribution?.Demonitor(reference) == true;
        }

        var process = reference.Target.Process;
        if (process is null)
        {
            return false;
        }

        lock (process)
        {
            return process._extras?.Watchers?.Remove(reference) == true;
        }
    }

    /// <summary>
    /// Called when a <see cref="Down"/> is dequeued: forgets the spent monitor and returns what the handler should see —
    /// the Down itself; for the monitor of an unlinked task a <see cref="Tasks.TaskFailed"/>, or nothing once the task's
    /// completion was told; nothing for a monitor removed with flush.
    /// </summary>
    internal object? TakeDown(Down down)
    {
        if (down.Ref.IsFlushed)
        {
            return null;
        }

        ForgetMonitor(down.Ref);
        if (down.Ref.Task is not { } task)
        {
            return down;
        }

        return task.TryEnd() ? new Tasks.TaskFailed(task, down.Reason) : null;
    }

    /// <summary>Forgets a spent or removed monitor.</summary>
    internal void ForgetMonitor(MonitorRef reference)
    {
        lock (this)
        {
            _extras?.Monitors?.Remove(reference);
        }
    }

    /// <summary>Sends an exit signal to <paramref name="target"/> as OTP <c>exit/2</c> does (across nodes too).</summary>
    public static void SendExit(Pid from, Pid target, ExitReason reason)
    {
        if (target.IsRemote)
        {
            Arbor.Distribution.RemoteRoute.For(target)?.SendExit(from, target, reason);
            return;
        }

        target.Process?.EnqueueSignal(new ExitSignal(from, reason, ExitSignalSource.Explicit));
    }

    /// <summary>Links with a process on another node; without distribution the link fails at once with <c>noconnection</c>.</summary>
    public void LinkRemote(Pid remote)
    {
        if (Node.Distribution is { } distribution)
        {
            distribution.Link(this, remote);
        }
        else
        {
            EnqueueSignal(new ExitSignal(remote, ExitReason.NoConnection, ExitSignalSource.DeadLink));
        }
    }

    /// <summary>Removes a link with a process on another node (no-op when not linked).</summary>
    public void UnlinkRemote(Pid remote) => Node.Distribution?.Unlink(this, remote);

    /// <summary>Records this side of a link with a remote process; false if this process has exited or the link exists.</summary>
    internal bool AddRemoteLink(Pid remote)
    {
        lock (this)
        {
            return !IsExitedLocked() && (Extras.RemoteLinks ??= new HashSet<Pid>()).Add(remote);
        }
    }

    /// <summary>True if linked with the remote process <paramref name="remote"/> (a snapshot).</summary>
    internal bool IsLinkedWithRemote(Pid remote)
    {
        lock (this)
        {
            return _extras?.RemoteLinks?.Contains(remote) == true;
        }
    }

    /// <summary>Drops this side of a link with a remote process; false if there was none.</summary>
    internal bool RemoveRemoteLink(Pid remote)
    {
        lock (this)
        {
            return _extras?.RemoteLinks?.Remove(remote) == true;
        }
    }

    /// <summary>Records a remote process's monitor on this one; false if this process has exited (the watcher gets noproc).</summary>
    internal bool AddRemoteWatcher(Arbor.Distribution.Control.RemoteWatcher watcher)
    {
        lock (this)
        {
            if (IsExitedLocked())
            {
                return false;
            }

            (Extras.RemoteWatchers ??= new List<Arbor.Distribution.Control.RemoteWatcher>()).Add(watcher);
            return true;
        }
    }

    internal void RemoveRemoteWatcher(Arbor.Distribution.Control.RemoteWatcher watcher)
    {
        lock (this)
        {
            _extras?.RemoteWatchers?.Remove(watcher);
        }
    }

    /// <summary>Caller holds the lock (or accepts a snapshot).</summary>
    private bool IsExitedLocked() => _exitReason is not null;
}
