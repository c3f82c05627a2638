using System.Threading;

namespace Arbor;

/// <summary>
/// The reference returned by <see cref="GenServer.Monitor(Pid)"/>; it identifies the monitor in the
/// <see cref="Down"/> message and in <see cref="GenServer.Demonitor(MonitorRef, bool)"/>.
/// </summary>
public sealed class MonitorRef
{
    private static long s_lastId;
    private int _flushed;

    internal MonitorRef(Process watcher, Pid target)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Watcher = watcher;
        Target = target;
    }

    /// <summary>A serial number, unique within this operating-system process.</summary>
    public long Id { get; }

    /// <summary>The monitored process.</summary>
    public Pid Target { get; }

    internal Process Watcher { get; }

    /// <summary>Set for the owner's monitor of an unlinked task: its Down reaches the owner as a <see cref="Tasks.TaskFailed"/>.</summary>
    internal Tasks.TaskRef? Task { get; set; }

    /// <summary>Set by demonitor-with-flush: a <see cref="Down"/> for this reference already in the mailbox is dropped when dequeued.</summary>
    internal bool IsFlushed => Volatile.Read(ref _flushed) != 0;

    internal void MarkFlushed() => Volatile.Write(ref _flushed, 1);

    /// <inheritdoc/>
    public override string ToString() => $"#Ref<{Id}>";
}
