using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Arbor.ClusterHost;

/// <summary>A distributed child that does nothing but exist: the host counts its live instances per id.</summary>
internal sealed class Worker : GenServer
{
    public Worker(WorkerSet workers, string id) => workers.Started(id, Self, Node);
}

/// <summary>Every worker instance started in this process, so a snapshot can say how many of each id are alive.</summary>
internal sealed class WorkerSet(Reporter reporter)
{
    private readonly ConcurrentQueue<(string Id, Pid Pid)> _started = new();

    public void Started(string id, Pid pid, ArborNode node)
    {
        _started.Enqueue((id, pid));
        reporter.Changed();
        _ = node.WhenExited(pid).ContinueWith(_ => reporter.Changed(), System.Threading.Tasks.TaskScheduler.Default);
    }

    /// <summary>Live instances per child id.</summary>
    public SortedDictionary<string, int> Alive()
    {
        var alive = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var (id, pid) in _started)
        {
            if (pid.IsAlive)
            {
                alive[id] = alive.GetValueOrDefault(id) + 1;
            }
        }

        return alive;
    }
}
