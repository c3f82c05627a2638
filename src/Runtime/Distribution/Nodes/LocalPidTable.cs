using System.Collections.Concurrent;

namespace Arbor.Distribution.Nodes;

/// <summary>
/// The local processes whose pids have been sent to other nodes, by serial, so a message or signal addressed to one
/// finds it. A process enters when its pid first leaves the node and leaves when it exits (through the registration
/// mechanism that also frees names), so the table holds live processes only.
/// </summary>
internal sealed class LocalPidTable
{
    private readonly ConcurrentDictionary<long, Process> _processes = new();

    public void Export(Process process)
    {
        if (_processes.ContainsKey(process.Pid.Id))
        {
            return;
        }

        var entry = new Entry(this);
        if (_processes.TryAdd(process.Pid.Id, process) && !process.TryAddRegistration(entry))
        {
            _processes.TryRemove(process.Pid.Id, out _);
        }
    }

    public Process? Find(long id) => _processes.TryGetValue(id, out var process) ? process : null;

    private sealed class Entry(LocalPidTable table) : IProcessRegistration
    {
        public void Release(Process process) => table._processes.TryRemove(process.Pid.Id, out _);
    }
}
