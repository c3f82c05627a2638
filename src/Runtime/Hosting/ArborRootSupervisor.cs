using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Arbor.Hosting;

/// <summary>
/// The hosted root supervisor added by <see cref="ArborServiceCollectionExtensions.AddArbor"/>: a static supervisor
/// started with the host and stopped with it. Resolve it from the services to reach the tree (<see cref="Supervisor"/>).
/// </summary>
/// <remarks>
/// Stopping follows OTP's application stop: the root shuts its children down in reverse start order, each by its own
/// shutdown mode. If the host's shutdown timeout runs out first, the root is killed, which takes the rest of the tree
/// down with it, so the host never outlives its timeout waiting for a process.
/// </remarks>
public sealed class ArborRootSupervisor : IHostedService
{
    private readonly ArborNode _node;
    private readonly ArborHostingOptions _options;
    private readonly IEnumerable<ArborRootChild> _registeredChildren;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly HostingReporter _reporter;
    private SupervisorRef? _supervisor;
    private int _stopping;

    /// <summary>Created by the service container; see <see cref="ArborServiceCollectionExtensions.AddArbor"/>.</summary>
    internal ArborRootSupervisor(
        ArborNode node,
        ArborHostingOptions options,
        IEnumerable<ArborRootChild> registeredChildren,
        IServiceProvider services)
    {
        _node = node;
        _options = options;
        _registeredChildren = registeredChildren;
        _services = services;
        _lifetime = services.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime;
        _reporter = new HostingReporter(node.LoggerFactory);
    }

    /// <summary>The node the tree runs on.</summary>
    public ArborNode Node => _node;

    /// <summary>The running root supervisor.</summary>
    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public SupervisorRef Supervisor =>
        _supervisor ?? throw new InvalidOperationException("The Arbor root supervisor starts with the host; it is not running yet.");

    /// <summary>Builds the child specs from the services and starts the root supervisor with them, in order.</summary>
    /// <exception cref="InvalidSupervisorOptionsException">A root option is invalid; nothing was started.</exception>
    /// <exception cref="InvalidChildSpecException">A child spec is invalid or an id repeats; nothing was started.</exception>
    /// <exception cref="SupervisorStartException">A child failed to start; the ones before it were stopped again.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_supervisor is not null)
        {
            throw new InvalidOperationException("The Arbor root supervisor is already running.");
        }

        if (_options.NodeName is { } name && _node.NodeName is null)
        {
            // A distributed node: listening, EPMD and cluster membership come up before any child, so a child's init can
            // already reach other nodes. A failure here fails the host's start with its own message.
            await _node.StartDistributedPartAsync(name, ArborServiceCollectionExtensions.NodeOptions(_services)).ConfigureAwait(false);
        }

        var children = _options.Children
            .Concat(_registeredChildren.Select(child => child.CreateSpec))
            .Select((createSpec, index) => createSpec(_services)
                ?? throw new InvalidOperationException($"The factory of root child #{index} returned null instead of a ChildSpec."))
            .ToArray();

        var supervisor = await _node.StartSupervisorAsync(new SupervisorOptions
        {
            Strategy = _options.Strategy,
            MaxRestarts = _options.MaxRestarts,
            Within = _options.Within,
            Name = _options.RootName,
            Children = children,
        }).ConfigureAwait(false);

        _supervisor = supervisor;
        _reporter.RootStarted(supervisor.Pid, children.Length);
        _ = WatchForUnexpectedExitAsync(supervisor.Pid);
    }

    /// <summary>
    /// Stops the tree: children in reverse start order, each by its shutdown mode. When
    /// <paramref name="cancellationToken"/> fires (the host's shutdown timeout ran out), the root is killed instead.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_supervisor is not { } supervisor || Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        try
        {
            await supervisor.StopAsync(ExitReason.Shutdown, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _reporter.RootKilledAtTimeout(supervisor.Pid);
            _node.Exit(supervisor.Pid, ExitReason.Kill);
        }
        catch (NoProcessException)
        {
            // The root had already exited by itself (reported by the watcher); there is nothing left to stop.
        }

        await _node.WhenExited(supervisor.Pid).ConfigureAwait(false);
        _reporter.RootStopped(supervisor.Pid);
    }

    /// <summary>An exit the host did not ask for is the whole application failing: report it, and stop the host.</summary>
    private async Task WatchForUnexpectedExitAsync(Pid root)
    {
        var reason = await _node.WhenExited(root).ConfigureAwait(false);
        if (Volatile.Read(ref _stopping) != 0)
        {
            return;
        }

        _reporter.RootExitedUnexpectedly(root, reason);
        if (_options.StopHostWhenRootExits)
        {
            _lifetime?.StopApplication();
        }
    }
}
