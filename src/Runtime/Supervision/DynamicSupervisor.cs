using System;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Dynamic supervisors: a child spec that nests one in a tree. Start a root one with
/// <see cref="SupervisionNodeExtensions.StartDynamicSupervisorAsync(ArborNode, DynamicSupervisorOptions)"/>.
/// </summary>
public static class DynamicSupervisor
{
    /// <summary>
    /// A child spec that starts a dynamic supervisor under another supervisor (type supervisor: infinite shutdown by
    /// default). The options are validated now.
    /// </summary>
    /// <exception cref="InvalidSupervisorOptionsException">An option is invalid.</exception>
    /// <exception cref="InvalidChildSpecException">The template, or this spec, is invalid.</exception>
    public static ChildSpec ChildSpec(string id, DynamicSupervisorOptions options, Restart restart = Restart.Permanent, Shutdown? shutdown = null, bool significant = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var spec = new ChildSpec(id, context => StartProcessAsync(context.Node, options, link: true))
        {
            Type = ChildType.Supervisor,
            Restart = restart,
            Shutdown = shutdown,
            Significant = significant,
        };
        spec.Validate();
        return spec;
    }

    internal static ValueTask<StartResult> StartProcessAsync(ArborNode node, DynamicSupervisorOptions options, bool link) =>
        GenServer.StartAsync(node, () => new DynamicSupervisorServer(options), new StartOptions { Name = options.Name, Link = link });
}
