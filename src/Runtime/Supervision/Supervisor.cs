using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// Static supervisors: child specs that nest a supervisor in a tree. Start a root supervisor with
/// <see cref="SupervisionNodeExtensions.StartSupervisorAsync(ArborNode, SupervisorOptions)"/>.
/// </summary>
public static class Supervisor
{
    /// <summary>
    /// A child spec that starts a supervisor with <paramref name="options"/> under another supervisor (type
    /// supervisor, so its shutdown defaults to infinity: it stops its own children first). The options and their children
    /// are validated now, so a bad subtree is rejected before anything starts.
    /// </summary>
    /// <param name="id">The id among the parent's children.</param>
    /// <param name="options">The nested supervisor's options.</param>
    /// <param name="restart">Its restart type; permanent by default.</param>
    /// <param name="shutdown">How the parent stops it; null for infinity.</param>
    /// <param name="significant">Whether its exit counts for the parent's auto-shutdown.</param>
    /// <exception cref="InvalidSupervisorOptionsException">An option is invalid.</exception>
    /// <exception cref="InvalidChildSpecException">A child spec, or this spec, is invalid.</exception>
    public static ChildSpec ChildSpec(string id, SupervisorOptions options, Restart restart = Restart.Permanent, Shutdown? shutdown = null, bool significant = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var children = options.ValidatedChildren();
        var spec = new ChildSpec(id, context => StartProcessAsync(context.Node, options, children, link: true))
        {
            Type = ChildType.Supervisor,
            Restart = restart,
            Shutdown = shutdown,
            Significant = significant,
        };
        spec.Validate();
        return spec;
    }

    /// <summary>
    /// Checks <paramref name="specs"/> as the children of one static supervisor without starting anything (OTP
    /// <c>check_childspecs</c>): each spec valid, ids unique and, when <paramref name="autoShutdown"/> is given, each
    /// allowed under it (a significant child needs auto-shutdown). The rules are the ones a supervisor applies when it starts.
    /// </summary>
    /// <param name="specs">The specs, in start order.</param>
    /// <param name="autoShutdown">The supervisor's auto-shutdown; null to leave out the check that depends on it.</param>
    /// <returns>Null when every spec is valid; otherwise the error for the first invalid one, naming the child and the problem.</returns>
    /// <exception cref="InvalidSupervisorOptionsException">An entry of <paramref name="specs"/> is null, or <paramref name="autoShutdown"/> is not a defined value.</exception>
    public static InvalidChildSpecException? CheckChildSpecs(IReadOnlyList<ChildSpec> specs, AutoShutdown? autoShutdown = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (autoShutdown is { } mode)
        {
            SupervisorOptionChecks.CheckAutoShutdown(mode);
        }

        try
        {
            ChildSpecChecks.Validated(specs, autoShutdown);
            return null;
        }
        catch (InvalidChildSpecException invalid)
        {
            return invalid;
        }
    }

    /// <summary>Starts the supervisor process; the result is OTP-shaped (a failed start-up is <see cref="StartStatus.Failed"/>).</summary>
    internal static ValueTask<StartResult> StartProcessAsync(ArborNode node, SupervisorOptions options, ChildSpec[] children, bool link) =>
        GenServer.StartAsync(node, () => new StaticSupervisorServer(options, children), new StartOptions { Name = options.Name, Link = link });

    internal static string Describe(string? name) => name is null ? "(anonymous)" : $"'{name}'";
}
