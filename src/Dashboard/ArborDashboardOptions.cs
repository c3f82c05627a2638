using System;

namespace Arbor.Dashboard;

/// <summary>How <see cref="DashboardEndpointExtensions.MapArborDashboard"/> serves the dashboard.</summary>
public sealed class ArborDashboardOptions
{
    /// <summary>
    /// Shows the kill, restart-child and terminate-child buttons and accepts those requests (Phoenix LiveDashboard's
    /// <c>allow_destructive_actions</c>). Off by default: a read-only dashboard cannot change the system. Every action is
    /// logged (category <c>Arbor.Dashboard</c>) with the user and the target.
    /// </summary>
    public bool AllowDestructiveActions { get; set; }

    /// <summary>How often the open pages are updated (default one second; at least 100 ms).</summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The node to show; when null, the <see cref="ArborNode"/> registered in the services (<c>AddArbor</c>).</summary>
    public ArborNode? Node { get; set; }

    internal void Validate()
    {
        if (UpdateInterval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateInterval), UpdateInterval, "ArborDashboardOptions.UpdateInterval must be at least 100 ms.");
        }
    }
}
