using System;
using System.Threading.Tasks;

namespace Arbor.EventManagers;

/// <summary>Starts event managers (OTP <c>gen_event:start</c>/<c>start_link</c>) and describes them to supervisors.</summary>
public static class EventManager
{
    /// <summary>Starts an event manager for <typeparamref name="TEvent"/> events, with no handlers, not supervised.</summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="name">Registers the manager under this unique name.</param>
    /// <returns>A client for the manager.</returns>
    /// <exception cref="StartFailedException">The name is taken.</exception>
    public static ValueTask<EventManagerRef<TEvent>> StartAsync<TEvent>(ArborNode node, string? name = null) =>
        GenServer.StartAsync<EventManagerRef<TEvent>>(node, static () => new EventManagerServer<TEvent>(), new StartOptions { Name = name }, Describe<TEvent>(name));

    /// <summary>Starts an event manager linked to the calling process, which becomes its parent; call it from inside a process.</summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="name">Registers the manager under this unique name.</param>
    /// <returns>A client for the manager.</returns>
    public static ValueTask<EventManagerRef<TEvent>> StartLinkAsync<TEvent>(ArborNode node, string? name = null) =>
        GenServer.StartAsync<EventManagerRef<TEvent>>(node, static () => new EventManagerServer<TEvent>(), new StartOptions { Name = name, Link = true }, Describe<TEvent>(name));

    /// <summary>
    /// A child spec for an event manager under a supervisor. Handlers are not part of it: a restarted manager starts
    /// empty, and the processes that added supervised handlers learn it from <see cref="EventHandlerExited"/> (reason
    /// <see cref="EventHandlerExitKind.ManagerStopped"/>) and add them again, as in OTP.
    /// </summary>
    /// <param name="id">The child's id; defaults to <paramref name="name"/>, then <c>"event_manager"</c>.</param>
    /// <param name="name">Registers the manager under this unique name on each start.</param>
    /// <param name="restart">When the supervisor restarts it.</param>
    /// <returns>The spec.</returns>
    public static ChildSpec ChildSpec<TEvent>(string? id = null, string? name = null, Restart restart = Restart.Permanent) =>
        new(id ?? name ?? "event_manager", context => GenServer.StartAsync(context.Node, static () => new EventManagerServer<TEvent>(), new StartOptions { Name = name, Link = true }))
        {
            Restart = restart,
        };

    private static string Describe<TEvent>(string? name) =>
        "event manager of " + typeof(TEvent).Name + (name is null ? string.Empty : " '" + name + "'");
}
