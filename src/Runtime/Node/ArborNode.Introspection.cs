using System.Collections.Generic;
using Arbor.Introspection;

namespace Arbor;

public sealed partial class ArborNode
{
    /// <summary>
    /// Read-only views of this node for dashboards, tests and tools: the process table, one process in full, the
    /// supervision trees, counters and recent crashes (see <c>docs/dashboard.md</c>).
    /// </summary>
    public NodeIntrospection Introspection { get; }

    /// <summary>The live process with serial <paramref name="id"/>, if any.</summary>
    internal Process? FindLiveProcess(long id) =>
        _processes.TryGetValue(id, out var process) && process.IsAlive ? process : null;

    /// <summary>
    /// The process table walked without locks (the dictionary's own enumerator, not <c>Values</c>, which takes every
    /// lock of the table and so stops spawns and exits while it copies): processes started or removed during the walk
    /// may or may not be seen, each live one at most once.
    /// </summary>
    internal IEnumerable<KeyValuePair<long, Process>> ProcessTable => _processes;
}
