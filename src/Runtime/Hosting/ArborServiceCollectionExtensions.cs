using System;
using System.Linq;
using Arbor.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>Registers Arbor with a .NET generic host (ASP.NET Core, worker services, console hosts).</summary>
public static class ArborServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="ArborNode"/> (logging through the host's <see cref="ILoggerFactory"/>) and a root supervisor
    /// that starts with the host and stops with it: children in reverse start order, within the host's shutdown timeout.
    /// Call it once, before other hosted services, so the tree is up before they start and stops after they stop.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the root supervisor's flags and children.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Arbor was already added to these services.</exception>
    public static IServiceCollection AddArbor(this IServiceCollection services, Action<ArborHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ArborHostingOptions)))
        {
            throw new InvalidOperationException(
                "AddArbor was called twice on the same services; call it once and add every root child in its configure callback or with AddArborChild.");
        }

        var options = new ArborHostingOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<ArborNode>(CreateNode);
        services.AddSingleton(provider => new ArborRootSupervisor(
            provider.GetRequiredService<ArborNode>(),
            options,
            provider.GetServices<ArborRootChild>(),
            provider));
        services.AddHostedService(provider => provider.GetRequiredService<ArborRootSupervisor>());
        return services;
    }

    /// <summary>
    /// Adds a child to the root supervisor of <see cref="AddArbor"/>, built from the host's services when the host
    /// starts. These children start after the ones given to <see cref="AddArbor"/>, in registration order.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="createSpec">Builds the child spec, typically a generated <c>MyServer.ChildSpec(...)</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddArborChild(this IServiceCollection services, Func<IServiceProvider, ChildSpec> createSpec)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createSpec);
        services.AddSingleton(new ArborRootChild(createSpec));
        return services;
    }

    private static ArborNode CreateNode(IServiceProvider provider) =>
        // A service factory cannot await: the node is created here, and a distributed node's network part is started by
        // the root supervisor's StartAsync (see ArborRootSupervisor), with the host, before the root's children.
        ArborNode.CreateLocalPart(NodeOptions(provider));

    /// <summary>The node's options, from the hosting options and the host's logging.</summary>
    internal static ArborNodeOptions NodeOptions(IServiceProvider provider)
    {
        var hosting = provider.GetRequiredService<ArborHostingOptions>();
        return new ArborNodeOptions
        {
            LoggerFactory = provider.GetService<ILoggerFactory>(),
            CrashReportDetail = hosting.CrashReportDetail,
            LongTurnThreshold = hosting.LongTurnThreshold,
            DirtySchedulers = hosting.DirtySchedulers,
            Name = hosting.NodeName,
            Cookie = hosting.Cookie,
            Distribution = hosting.Distribution ?? throw new InvalidOperationException("ArborHostingOptions.Distribution cannot be null."),
            Cluster = hosting.Cluster,
        };
    }
}
