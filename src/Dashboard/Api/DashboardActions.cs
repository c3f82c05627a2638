using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The destructive actions: kill a process, restart or terminate a supervisor's child. Refused with 403 unless
/// <see cref="ArborDashboardOptions.AllowDestructiveActions"/>; each request must carry the <c>X-Arbor-Dashboard</c> header
/// (a plain cross-site form cannot send it); every action is logged with the user and the target, done or not.
/// </summary>
internal static class DashboardActions
{
    public const string Header = "X-Arbor-Dashboard";

    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(10);

    private static readonly Action<ILogger, string, string, string, string, Exception?> s_action =
        LoggerMessage.Define<string, string, string, string>(
            LogLevel.Warning,
            new EventId(1, "DashboardAction"),
            "Dashboard action {Action} on {Target} by {User}: {Outcome}");

    public static void Map(RouteGroupBuilder group, DashboardContext dashboard)
    {
        group.MapPost("/api/actions/kill/{id:long}", (HttpContext http, long id) =>
            Act(http, dashboard, "kill", $"process {id}", node =>
            {
                var pid = node.Introspection.FindProcess(id);
                if (pid.IsNone)
                {
                    return Task.FromResult((false, "no such process"));
                }

                node.Exit(pid, ExitReason.Kill);
                return Task.FromResult((true, $"killed {pid}"));
            }));

        // A dynamic supervisor's children are addressed by pid (they share their spec's id): the page sends it as ?pid=.
        group.MapPost("/api/actions/supervisors/{id:long}/children/{childId}/terminate", (HttpContext http, long id, string childId, long? pid) =>
            Act(http, dashboard, "terminate_child", $"child '{childId}' of supervisor {id}", async node =>
            {
                var supervisor = node.Introspection.FindProcess(id);
                if (supervisor.IsNone)
                {
                    return (false, "no such supervisor");
                }

                var result = await SupervisorRef.FromPid(supervisor).TerminateChildAsync(childId, ActionTimeout).ConfigureAwait(false);
                if (result == TerminateChildResult.DynamicSupervisor && pid is { } childPid)
                {
                    result = await DynamicSupervisorRef.FromPid(supervisor).TerminateChildAsync(node.Introspection.FindProcess(childPid), ActionTimeout).ConfigureAwait(false);
                }

                return (result == TerminateChildResult.Terminated, result.ToString());
            }));

        group.MapPost("/api/actions/supervisors/{id:long}/children/{childId}/restart", (HttpContext http, long id, string childId) =>
            Act(http, dashboard, "restart_child", $"child '{childId}' of supervisor {id}", async node =>
            {
                var supervisor = node.Introspection.FindProcess(id);
                if (supervisor.IsNone)
                {
                    return (false, "no such supervisor");
                }

                var reference = SupervisorRef.FromPid(supervisor);
                // A running child is terminated first, so "restart" means the same thing whether it runs or not.
                await reference.TerminateChildAsync(childId, ActionTimeout).ConfigureAwait(false);
                var result = await reference.RestartChildAsync(childId, ActionTimeout).ConfigureAwait(false);
                return (result.Status is RestartChildStatus.Restarted or RestartChildStatus.Ignored, result.ToString()!);
            }));
    }

    private static async Task<IResult> Act(HttpContext http, DashboardContext dashboard, string action, string target, Func<ArborNode, Task<(bool Done, string Outcome)>> run)
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

        var (done, outcome) = await run(dashboard.Node(http)).ConfigureAwait(false);
        s_action(logger, action, target, user, outcome, null);
        return done ? Results.Ok(outcome) : Results.NotFound(outcome);
    }
}
