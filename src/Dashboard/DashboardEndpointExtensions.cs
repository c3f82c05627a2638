using System;
using Arbor.Dashboard.Api;
using Arbor.Dashboard.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Arbor.Dashboard;

/// <summary>Mounts the Arbor dashboard on an ASP.NET Core application.</summary>
public static class DashboardEndpointExtensions
{
    /// <summary>
    /// Serves the dashboard under <paramref name="prefix"/> (the page at <c>{prefix}/</c>, its data under <c>{prefix}/api</c>)
    /// and returns the endpoint group, so the usual conventions apply to all of it:
    /// <c>app.MapArborDashboard("/arbor").RequireAuthorization("admins")</c>.
    /// </summary>
    /// <param name="endpoints">The application (or any endpoint route builder).</param>
    /// <param name="prefix">The path the dashboard lives under.</param>
    /// <param name="configure">Options: destructive actions, update interval, the node.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static RouteGroupBuilder MapArborDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/arbor", Action<ArborDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var options = new ArborDashboardOptions();
        configure?.Invoke(options);
        options.Validate();

        var dashboard = new DashboardContext(options);
        var group = endpoints.MapGroup(prefix);
        DashboardAssets.Map(group);
        DashboardApi.Map(group, dashboard);
        DashboardStream.Map(group, dashboard);
        DashboardActions.Map(group, dashboard);
        return group;
    }
}
