using System;
using System.IO;
using System.Threading.Tasks;

namespace Arbor.ClusterHost;

/// <summary>
/// The stdin protocol: <c>register NAME TAG</c> starts a process and registers it globally as NAME (answered by
/// <c>REGISTERED TAG true|false</c>; its exit is reported in later snapshots under TAG); <c>quit</c> stops the node gracefully.
/// </summary>
internal sealed class Commands(ArborNode node, Reporter reporter)
{
    public async Task RunAsync(TextReader input)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["quit"])
            {
                return;
            }

            if (words is ["register", var name, var tag])
            {
                var started = await GenServer.StartAsync(node, () => new Contender());
                var pid = started.EnsureStarted("contender");
                reporter.Contender(tag, pid);
                var won = await node.Cluster.Global.RegisterAsync(name, pid);
                reporter.Line($"REGISTERED {tag} {(won ? "true" : "false")}");
            }
        }
    }

    /// <summary>A process that only holds a name.</summary>
    private sealed class Contender : GenServer
    {
    }
}
