using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Arbor.Supervision.Tests.Support;

/// <summary>Helpers for looking at a running supervisor.</summary>
internal static class Trees
{
    /// <summary>
    /// Returns the children once the supervisor has handled every exit signal that reached it before this call. Exit
    /// signals are handled ahead of messages, but one may turn into a message behind an earlier call; the second call
    /// queues behind it, so its answer reflects the exit.
    /// </summary>
    public static async Task<IReadOnlyList<ChildInfo>> SettledChildrenAsync(this SupervisorRef supervisor)
    {
        await supervisor.CountChildrenAsync().Within();
        return await supervisor.WhichChildrenAsync().Within();
    }

    /// <inheritdoc cref="SettledChildrenAsync(SupervisorRef)"/>
    public static async Task<IReadOnlyList<ChildInfo>> SettledChildrenAsync(this DynamicSupervisorRef supervisor)
    {
        await supervisor.CountChildrenAsync().Within();
        return await supervisor.WhichChildrenAsync().Within();
    }

    public static ChildInfo Child(this IReadOnlyList<ChildInfo> children, string id) => children.Single(c => c.Id == id);

    public static string[] Ids(this IReadOnlyList<ChildInfo> children) => children.Select(c => c.Id).ToArray();

    /// <summary>Waits for the node to count no more than <paramref name="expected"/> processes (the exit accounting comes last).</summary>
    public static Task ProcessCountSettlesAsync(this ArborNode node, int expected) =>
        Patience.UntilAsync(() => node.ProcessCount == expected, $"the node runs {expected} processes (it runs {node.ProcessCount})");
}
