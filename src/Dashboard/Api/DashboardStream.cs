using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Dashboard.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The live feed (server-sent events): every update interval, one <c>tick</c> event with the node's counters, its
/// supervision trees (the first <see cref="DashboardContext.TreeChildren"/> children of each supervisor, with totals) and
/// the recent crashes; the page re-reads the view it shows on each tick. A tick is built once per interval per node and
/// shared by every open page (<see cref="TickCache"/>). While a page is connected the node is observed (processes count
/// their messages and time); when the last one leaves, that costs nothing again. With <c>?node=</c> the feed is of a
/// connected node; when that node cannot be read, an <c>unavailable</c> event says why and the feed keeps trying.
/// </summary>
internal static class DashboardStream
{
    private const int CrashesPerTick = 100;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder group, DashboardContext dashboard) =>
        group.MapGet("/api/stream", (HttpContext http, string? node) =>
        {
            var source = dashboard.Source(http, node, out var error);
            return source is null ? error!.ExecuteAsync(http) : StreamAsync(http, dashboard, source);
        });

    private static async Task StreamAsync(HttpContext http, DashboardContext dashboard, IDashboardSource source)
    {
        var node = dashboard.Node(http);
        // The feed never ends on its own: it stops when the page goes away or the application stops (so a host shutdown
        // does not wait for open pages).
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var cancellation = linked.Token;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var observation = source is LocalSource ? node.Introspection.Observe() : null;
        using var timer = new PeriodicTimer(dashboard.Options.UpdateInterval);
        try
        {
            do
            {
                string message;
                try
                {
                    var tick = await dashboard.Ticks.GetAsync(source.NodeName, token => BuildAsync(source, token), cancellation).ConfigureAwait(false);
                    message = "event: tick\ndata: " + tick + "\n\n";
                }
                catch (CallException failure) when (source is RemoteSource)
                {
                    message = "event: unavailable\ndata: " + JsonSerializer.Serialize(RemoteFailures.Message(source, failure), s_json) + "\n\n";
                }

                await http.Response.WriteAsync(message, cancellation).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private static async Task<string> BuildAsync(IDashboardSource source, CancellationToken cancellation)
    {
        var tree = await source.GetTreeAsync(DashboardContext.TreeChildren, cancellation).ConfigureAwait(false);
        var counters = await source.GetCountersAsync().ConfigureAwait(false);
        var crashes = await source.RecentCrashesAsync(CrashesPerTick).ConfigureAwait(false);
        return JsonSerializer.Serialize(new TickDto(counters, tree.Select(SupervisorDto.Of).ToList(), crashes.Select(CrashDto.Of).ToList()), s_json);
    }
}
