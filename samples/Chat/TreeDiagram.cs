using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Arbor;

namespace Chat;

/// <summary>Draws the running supervision tree one level deep, from the supervisors' own answers (which_children).</summary>
public static class TreeDiagram
{
    public static async Task<string> DrawAsync(SupervisorRef root)
    {
        var text = new StringBuilder().AppendLine($"root supervisor {root.Pid} (one_for_one)");
        IReadOnlyList<ChildInfo> children = await root.WhichChildrenAsync();
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var branch = i == children.Count - 1 ? "└──" : "├──";
            var detail = child.Type == ChildType.Supervisor
                ? $"dynamic supervisor with {(await DynamicSupervisorRef.FromPid(child.Pid).CountChildrenAsync()).Active:N0} children"
                : "worker";
            text.AppendLine($"  {branch} {child.Id,-9} {child.Pid}  {detail}");
        }

        return text.ToString();
    }
}
