using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>A node and a Kestrel server on a loopback port chosen by the system, serving the dashboard at <c>/arbor</c>.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, ArborNode node, Uri root, CapturingLoggerProvider logs)
    {
        _app = app;
        Node = node;
        Root = root;
        Logs = logs;
    }

    public ArborNode Node { get; }

    /// <summary>The server's address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Root { get; }

    /// <summary>The dashboard's page.</summary>
    public string Dashboard(string route = "tree") => new Uri(Root, "arbor/#/" + route).ToString();

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client() => new() { BaseAddress = Root };

    /// <param name="configure">Dashboard options (the node is set already).</param>
    /// <param name="services">Extra services (authentication for the authorization tests).</param>
    /// <param name="app">Extra middleware before the dashboard is mapped.</param>
    /// <param name="endpoint">Conventions on the dashboard's endpoint group (RequireAuthorization).</param>
    /// <param name="node">The node to show (disposed with the host); a new local node when null.</param>
    public static async Task<DashboardHost> StartAsync(
        Action<ArborDashboardOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? app = null,
        Action<RouteGroupBuilder>? endpoint = null,
        ArborNode? node = null)
    {
        node ??= await ArborNode.StartAsync();
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        services?.Invoke(builder.Services);
        var web = builder.Build();
        app?.Invoke(web);
        var group = web.MapArborDashboard("/arbor", options =>
        {
            options.Node = node;
            options.UpdateInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(options);
        });
        endpoint?.Invoke(group);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardHost(web, node, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Node.DisposeAsync();
    }
}
