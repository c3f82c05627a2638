using System.Diagnostics;
using System.Text;
using System.Threading;

namespace Arbor.Cluster.Tests.Support;

/// <summary>
/// Waits on conditions that span the global-registry replicas of several nodes. A condition over many replicas must be
/// re-checked when <em>any</em> of them changes (waiting on one node's publishes misses a change on another), so each
/// round waits for the next publish on any node, bounded by one overall deadline.
/// </summary>
internal static class Replicas
{
    /// <summary>Completes once <paramref name="condition"/> holds; on timeout, the message shows every replica.</summary>
    public static async Task WaitAsync(IReadOnlyList<ArborNode> nodes, Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var budget = timeout ?? TestCluster.Wait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Snapshots first, then the check: a publish after the snapshot wakes the wait below at once.
            var snapshots = nodes.Select(n => n.Cluster.Global.Registrations).ToList();
            if (condition())
            {
                return;
            }

            var remaining = budget - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{what} did not hold within {budget}.{Environment.NewLine}{Describe(nodes)}");
            }

            using var changed = new CancellationTokenSource();
            var waits = nodes.Select((n, i) => n.Cluster.Global.WaitForAsync(replica => !ReferenceEquals(replica, snapshots[i]), remaining, changed.Token)).ToList();
            var first = await Task.WhenAny(waits);
            await changed.CancelAsync();
            foreach (var wait in waits)
            {
                try
                {
                    await wait;
                }
                catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
                {
                    // the other nodes' waits, released; the deadline is checked above
                }
            }
        }
    }

    /// <summary>Every node's members and replica, for failure messages.</summary>
    public static string Describe(IReadOnlyList<ArborNode> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            text.Append(node.NodeName).Append(" members [").Append(string.Join(", ", node.Cluster.Members)).AppendLine("]");
            foreach (var (name, registration) in node.Cluster.Global.Registrations.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                text.Append("  ").Append(name).Append(" -> ").Append(registration.Pid).Append(" on ").Append(registration.Owner)
                    .Append(" stamp ").Append(registration.Stamp).Append(registration.Pid.IsRemote ? string.Empty : registration.Pid.IsAlive ? " (alive)" : " (dead)").AppendLine();
            }
        }

        return text.ToString();
    }
}
