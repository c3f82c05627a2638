using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// What the test kit (Arbor.Testing) reads of a node until the runtime has a public introspection API: whether every
/// process is quiet (virtual time advances only then), and the live processes with their server types (leak reports).
/// </summary>
public sealed partial class ArborNode
{
    /// <summary>A process that still has work to do (running, scheduled, or with mail waiting); null when the node is quiet.</summary>
    internal Pid? FirstBusyProcess()
    {
        foreach (var process in LiveProcesses)
        {
            if (!process.IsQuiet)
            {
                return process.Pid;
            }
        }

        return null;
    }

    /// <summary>The live processes, each with the type it runs (<c>not initialised</c> before its init has run).</summary>
    internal List<(Pid Pid, string Type)> DescribeLiveProcesses()
    {
        var live = new List<(Pid Pid, string Type)>();
        foreach (var process in LiveProcesses)
        {
            if (process.IsAlive)
            {
                live.Add((process.Pid, Arbor.Scheduling.HandlerNames.ServerOf(process)));
            }
        }

        return live;
    }
}
