using System;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>Starting supervisors on a node.</summary>
public static class SupervisionNodeExtensions
{
    /// <summary>
    /// Starts a static supervisor with <paramref name="children"/> (in start order) and waits until all of them have
    /// started. Not linked to the caller: stop it with <see cref="SupervisorRef.StopAsync"/>.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="strategy">The restart strategy.</param>
    /// <param name="maxRestarts">Restarts allowed within <paramref name="within"/> before the supervisor gives up.</param>
    /// <param name="within">The restart intensity period.</param>
    /// <param name="children">The children, in start order.</param>
    /// <exception cref="InvalidSupervisorOptionsException">An option is invalid; nothing was started.</exception>
    /// <exception cref="InvalidChildSpecException">A child spec is invalid or an id repeats; nothing was started.</exception>
    /// <exception cref="SupervisorStartException">A child failed to start (the ones before it were stopped again), or the name is taken.</exception>
    public static ValueTask<SupervisorRef> StartSupervisorAsync(this ArborNode node, Strategy strategy, int maxRestarts, TimeSpan within, params ChildSpec[] children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return node.StartSupervisorAsync(new SupervisorOptions { Strategy = strategy, MaxRestarts = maxRestarts, Within = within, Children = children });
    }

    /// <summary>Starts a static supervisor, not linked to the caller, and waits until its children have started.</summary>
    /// <inheritdoc cref="StartSupervisorAsync(ArborNode, Strategy, int, TimeSpan, ChildSpec[])" path="/exception"/>
    public static ValueTask<SupervisorRef> StartSupervisorAsync(this ArborNode node, SupervisorOptions options) => Start(node, options, link: false);

    /// <summary>
    /// Starts a static supervisor linked to the calling process, which becomes its parent (OTP <c>supervisor:start_link</c>);
    /// call it from inside a process. A child spec for a nested supervisor is <see cref="Supervisor.ChildSpec"/>.
    /// </summary>
    /// <inheritdoc cref="StartSupervisorAsync(ArborNode, Strategy, int, TimeSpan, ChildSpec[])" path="/exception"/>
    public static ValueTask<SupervisorRef> StartSupervisorLinkAsync(this ArborNode node, SupervisorOptions options) => Start(node, options, link: true);

    /// <summary>Starts a dynamic supervisor (no children yet), not linked to the caller.</summary>
    /// <exception cref="InvalidSupervisorOptionsException">An option is invalid; nothing was started.</exception>
    /// <exception cref="InvalidChildSpecException">The child template is invalid; nothing was started.</exception>
    /// <exception cref="SupervisorStartException">The name is taken.</exception>
    public static ValueTask<DynamicSupervisorRef> StartDynamicSupervisorAsync(this ArborNode node, DynamicSupervisorOptions? options = null) =>
        StartDynamic(node, options ?? new DynamicSupervisorOptions(), link: false);

    /// <summary>Starts a dynamic supervisor linked to the calling process, which becomes its parent; call it from inside a process.</summary>
    /// <inheritdoc cref="StartDynamicSupervisorAsync(ArborNode, DynamicSupervisorOptions)" path="/exception"/>
    public static ValueTask<DynamicSupervisorRef> StartDynamicSupervisorLinkAsync(this ArborNode node, DynamicSupervisorOptions options) =>
        StartDynamic(node, options, link: true);

    private static ValueTask<SupervisorRef> Start(ArborNode node, SupervisorOptions options, bool link)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        var children = options.ValidatedChildren();
        return AwaitStarted(Supervisor.StartProcessAsync(node, options, children, link), options.Name);

        static async ValueTask<SupervisorRef> AwaitStarted(ValueTask<StartResult> starting, string? name)
        {
            var result = await starting.ConfigureAwait(false);
            return result.IsStarted ? SupervisorRef.FromPid(result.Pid) : throw new SupervisorStartException(Supervisor.Describe(name), result);
        }
    }

    private static ValueTask<DynamicSupervisorRef> StartDynamic(ArborNode node, DynamicSupervisorOptions options, bool link)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return AwaitStarted(DynamicSupervisor.StartProcessAsync(node, options, link), options.Name);

        static async ValueTask<DynamicSupervisorRef> AwaitStarted(ValueTask<StartResult> starting, string? name)
        {
            var result = await starting.ConfigureAwait(false);
            return result.IsStarted ? DynamicSupervisorRef.FromPid(result.Pid) : throw new SupervisorStartException(Supervisor.Describe(name), result);
        }
    }
}
