using System;
using System.Threading.Tasks;
using Arbor.Dashboard.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The destructive actions: kill a process, restart or terminate a supervisor's child. Refused with 403 unless
/// <see cref="ArborDashboardOptions.AllowDestructiveActions"/>; each request must carry the <c>X-Arbor-Dashboard</c> header
/// (a plain cross-site form cannot send it); every action is logged with the user and the target, done or not. On another
/// node (<c>?node=</c>) the owning node decides too: it refuses (403) unless it serves its introspection with
/// <c>AllowDestructiveActions</c>, and logs the action itself.
/// </summary>
internal static class DashboardActions
{
    public const string Header = "X-Arbor-Dashboard";

    private static readonly Action<ILogger, string, string, string, string, Exception?> s_action =
        LoggerMessage.Define<string, string, string, string>(
            LogLevel.Warning,
            new EventId(1, "DashboardAction"),
            "Dashboard action {Action} on {Target} by {User}: {Outcome}");

    public static void Map(RouteGroupBuilder group, DashboardContext dashboard)
    {
        group.MapPost("/api/actions/kill/{id:long}", (HttpContext http, string? node, long id) =>
            Act(http, dashboard, node, "kill", $"process {id}", (source, user) => source.KillAsync(id, user)));

        // A dynamic supervisor's children are addressed by pid (they share their spec's id): the page sends it as ?pid=.
        group.MapPost("/api/actions/supervisors/{id:long}/children/{childId}/terminate", (HttpContext http, string? node, long id, string childId, long? pid) =>
            Act(http, dashboard, node, "terminate_child", $"child '{childId}' of supervisor {id}", (source, user) => source.TerminateChildAsync(id, childId, pid, user)));

        group.MapPost("/api/actions/supervisors/{id:long}/children/{childId}/restart", (HttpContext http, string? node, long id, string childId) =>
            Act(http, dashboard, node, "restart_child", $"child '{childId}' of supervisor {id}", (source, user) => source.RestartChildAsync(id, childId, user)));
    }

    private static async Task<IResult> Act(HttpContext http, DashboardContext dashboard, string? node, string action, string target, Func<IDashboardSource, string, Task<ActionOutcome>> run)
    {
        var logger = http.RequestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory factory
            ? factory.CreateLogger("Arbor.Dashboard")
            : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var user = http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
        if (!dashboard.Options.AllowDestructiveActions)
        {
            s_action(logger, action, target, user, "refused: actions are disabled", null);
            return Results.Problem("Destructive actions are disabled (ArborDashboardOptions.AllowDestructiveActions).", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!http.Request.Headers.ContainsKey(Header))
        {
            s_action(logger, action, target, user, "refused: missing header", null);
            return Results.Problem($"A dashboard action must carry the {Header} header.", statusCode: StatusCodes.Status400BadRequest);
        }

        var source = dashboard.Source(http, node, out var error);
        if (source is null)
        {
            return error!;
        }

        if (source is RemoteSource)
        {
            target += " on " + source.NodeName;
        }

        return await RemoteFailures.GuardAsync(source, async () =>
        {
            var outcome = await run(source, user).ConfigureAwait(false);
            s_action(logger, action, target, user, outcome.Refused ? "refused by the node: " + outcome.Outcome : outcome.Outcome, null);
            return outcome.Refused ? Results.Problem(outcome.Outcome, statusCode: StatusCodes.Status403Forbidden)
                : outcome.Done ? Results.Ok(outcome.Outcome)
                : Results.NotFound(outcome.Outcome);
        }).ConfigureAwait(false);
    }
}
