using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// How a disposed node stops what it runs (OTP's <c>init:stop</c>, bounded): roots are asked to stop with
/// <c>shutdown</c>, so supervisors stop their trees in order and terminate hooks run; after the grace period the rest is
/// killed, which takes effect at once even for a handler stuck in synchronous code.
/// </summary>
internal static class NodeShutdown
{
    public static async Task RunAsync(ArborNode node, TimeSpan grace)
    {
        var processes = node.LiveProcesses.ToArray();
        if (processes.Length == 0)
        {
            return;
        }

        var exits = new List<Task>(processes.Length);
        foreach (var process in processes)
        {
            exits.Add(process.WhenExited());
            if (!process.Parent.IsAlive)
            {
                process.RequestSystemStop(ExitReason.Shutdown);
            }
        }

        var all = Task.WhenAll(exits);
        if (grace > TimeSpan.Zero)
        {
            await Task.WhenAny(all, Task.Delay(grace)).ConfigureAwait(false);
        }

        // Killed now, and anything started meanwhile (a restart racing the shutdown) with them.
        while (node.LiveProcesses.Count > 0)
        {
            var remaining = node.LiveProcesses.ToArray();
            foreach (var process in remaining)
            {
                process.KillNow();
            }

            await Task.WhenAll(remaining.Select(p => p.WhenExited())).ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
    }
}
