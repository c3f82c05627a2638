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
}
