using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The live feed (server-sent events): every update interval, one <c>tick</c> event with the node's counters, the
/// supervision trees and the recent crashes; the page re-reads the view it shows on each tick. While a page is connected the
/// node is observed (processes count their messages and time); when the last one leaves, that costs nothing again.
/// </summary>
internal static class DashboardStream
{
    private const int CrashesPerTick = 100;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder group, DashboardContext dashboard) =>
        group.MapGet("/api/stream", (HttpContext http) => StreamAsync(http, dashboard));

    private static async Task StreamAsync(HttpContext http, DashboardContext dashboard)
    {
        var node = dashboard.Node(http);
        // The feed never ends on its own: it stops when the page goes away or the application stops (so a host shutdown
        // does not wait for open pages).
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var cancellation = linked.Token;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var observation = node.Introspection.Observe();
        using var timer = new PeriodicTimer(dashboard.Options.UpdateInterval);
        try
        {
            do
            {
                var tree = await node.Introspection.GetSupervisionTreeAsync(cancellationToken: cancellation).ConfigureAwait(false);
                var tick = new TickDto(
                    node.Introspection.GetCounters(),
                    tree.Select(SupervisorDto.Of).ToList(),
                    node.Introspection.RecentCrashes().Take(CrashesPerTick).Select(CrashDto.Of).ToList());
                await http.Response.WriteAsync("event: tick\ndata: " + JsonSerializer.Serialize(tick, s_json) + "\n\n", cancellation).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page went away.
        }
    }
}
