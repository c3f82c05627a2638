using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Introspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The read-only JSON endpoints the page fetches: configuration, one page of processes, one process, the tree and one
/// supervisor's page of children. Each takes <c>?node=</c> to read a connected node instead of this one.
/// </summary>
internal static class DashboardApi
{
    public static void Map(RouteGroupBuilder group, DashboardContext dashboard)
    {
        group.MapGet("/api/config", async (HttpContext http, string? node) =>
        {
            var self = dashboard.Node(http);
            var selfName = self.NodeName ?? "local";
            var source = dashboard.Source(http, node, out var error);
            if (source is null)
            {
                return error!;
            }

            return await RemoteFailures.GuardAsync(source, async () =>
            {
                // Actions on another node need both: this dashboard allows them, and so does the node owning the process.
                var allow = dashboard.Options.AllowDestructiveActions && await source.AcceptsActionsAsync().ConfigureAwait(false);
                return Results.Json(new ConfigDto(selfName, source.NodeName, allow, (int)dashboard.Options.UpdateInterval.TotalMilliseconds, [selfName, .. self.ConnectedNodes]));
            }).ConfigureAwait(false);
        });

        group.MapGet("/api/processes", async (HttpContext http, string? node, string? filter, string? sort, bool? desc, int? offset, int? limit) =>
        {
            if (!TryParseSort(sort, out var key))
            {
                return Results.BadRequest($"Unknown sort column '{sort}'; use one of {string.Join(", ", Enum.GetNames<ProcessSortKey>())}.");
            }

            var source = dashboard.Source(http, node, out var error);
            if (source is null)
            {
                return error!;
            }

            var query = new ProcessQuery
            {
                Filter = filter,
                SortBy = key,
                Descending = desc ?? false,
                Offset = Math.Max(0, offset ?? 0),
                Limit = Math.Clamp(limit ?? 50, 1, ProcessQuery.MaxLimit),
            };
            return await RemoteFailures.GuardAsync(source, async () =>
                Results.Json(ProcessPageDto.Of(await source.ListProcessesAsync(query).ConfigureAwait(false)))).ConfigureAwait(false);
        });

        group.MapGet("/api/processes/{id:long}", async (HttpContext http, string? node, long id) =>
        {
            var source = dashboard.Source(http, node, out var error);
            return source is null ? error! : await RemoteFailures.GuardAsync(source, async () =>
                await source.GetProcessAsync(id).ConfigureAwait(false) is { } details
                    ? Results.Json(ProcessDto.Of(details))
                    : Results.NotFound($"No live process with serial {id}.")).ConfigureAwait(false);
        });

        group.MapGet("/api/tree", async (HttpContext http, string? node, int? children, CancellationToken cancellationToken) =>
        {
            var source = dashboard.Source(http, node, out var error);
            return source is null ? error! : await RemoteFailures.GuardAsync(source, async () =>
            {
                var trees = await source.GetTreeAsync(Math.Clamp(children ?? DashboardContext.TreeChildren, 1, 1000), cancellationToken).ConfigureAwait(false);
                return Results.Json(trees.Select(SupervisorDto.Of).ToList());
            }).ConfigureAwait(false);
        });

        // A page of one supervisor's children (the live tree carries only the first ones of each).
        group.MapGet("/api/supervisors/{id:long}", async (HttpContext http, string? node, long id, int? offset, int? limit, CancellationToken cancellationToken) =>
        {
            var source = dashboard.Source(http, node, out var error);
            return source is null ? error! : await RemoteFailures.GuardAsync(source, async () =>
                await source.GetSupervisorAsync(id, Math.Max(0, offset ?? 0), Math.Clamp(limit ?? DashboardContext.TreeChildren, 1, 1000), cancellationToken).ConfigureAwait(false) is { } supervisor
                    ? Results.Json(SupervisorDto.Of(supervisor))
                    : Results.NotFound($"No live supervisor with serial {id}.")).ConfigureAwait(false);
        });
    }

    private static bool TryParseSort(string? text, out ProcessSortKey key)
    {
        if (string.IsNullOrEmpty(text))
        {
            key = ProcessSortKey.Pid;
            return true;
        }

        return Enum.TryParse(text, ignoreCase: true, out key) && Enum.IsDefined(key);
    }
}
