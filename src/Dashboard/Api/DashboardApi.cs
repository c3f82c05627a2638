using System;
using System.Linq;
using System.Threading;
using Arbor.Introspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arbor.Dashboard.Api;

/// <summary>The read-only JSON endpoints the page fetches: configuration, one page of processes, one process.</summary>
internal static class DashboardApi
{
    public static void Map(RouteGroupBuilder group, DashboardContext dashboard)
    {
        group.MapGet("/api/config", (HttpContext http) =>
        {
            var node = dashboard.Node(http);
            var self = node.NodeName ?? "local";
            return Results.Json(new ConfigDto(
                self,
                dashboard.Options.AllowDestructiveActions,
                (int)dashboard.Options.UpdateInterval.TotalMilliseconds,
                new[] { self }.Concat(node.ConnectedNodes).ToList()));
        });

        group.MapGet("/api/processes", (HttpContext http, string? filter, string? sort, bool? desc, int? offset, int? limit) =>
        {
            if (!TryParseSort(sort, out var key))
            {
                return Results.BadRequest($"Unknown sort column '{sort}'; use one of {string.Join(", ", Enum.GetNames<ProcessSortKey>())}.");
            }

            var query = new ProcessQuery
            {
                Filter = filter,
                SortBy = key,
                Descending = desc ?? false,
                Offset = Math.Max(0, offset ?? 0),
                Limit = Math.Clamp(limit ?? 50, 1, ProcessQuery.MaxLimit),
            };
            return Results.Json(ProcessPageDto.Of(dashboard.Node(http).Introspection.ListProcesses(query)));
        });

        group.MapGet("/api/processes/{id:long}", (HttpContext http, long id) =>
        {
            var introspection = dashboard.Node(http).Introspection;
            return introspection.GetProcess(introspection.FindProcess(id)) is { } details
                ? Results.Json(ProcessDto.Of(details))
                : Results.NotFound($"No live process with serial {id}.");
        });

        group.MapGet("/api/tree", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var trees = await dashboard.Node(http).Introspection.GetSupervisionTreeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return Results.Json(trees.Select(SupervisorDto.Of).ToList());
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
