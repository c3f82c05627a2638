using System;
using System.Linq;
using Arbor.Dashboard.Api;
using Arbor.Dashboard.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Arbor.Dashboard;

/// <summary>What the dashboard's endpoints share: the options, the node they run on, the nodes they can show, the live feed.</summary>
internal sealed class DashboardContext(ArborDashboardOptions options)
{
    /// <summary>Children of each supervisor the live tree carries; the page asks for further pages of a supervisor on demand.</summary>
    public const int TreeChildren = 100;

    public ArborDashboardOptions Options { get; } = options;

    /// <summary>One tick per node per interval, shared by every open page.</summary>
    public TickCache Ticks { get; } = new(options.UpdateInterval / 2);

    /// <summary>The node: the configured one, else the one in the request's services.</summary>
    public ArborNode Node(HttpContext http) =>
        Options.Node ?? http.RequestServices.GetService<ArborNode>() ?? throw new InvalidOperationException(
            "The Arbor dashboard has no node to show: register one with services.AddArbor() or set ArborDashboardOptions.Node.");

    /// <summary>
    /// The node a request shows (<c>?node=</c>): this node when absent or its own name, else a connected node, read through
    /// its introspection service. Null, with the error to return, for a name that is not connected.
    /// </summary>
    public IDashboardSource? Source(HttpContext http, string? nodeName, out IResult? error)
    {
        var node = Node(http);
        error = null;
        if (string.IsNullOrEmpty(nodeName) || nodeName == (node.NodeName ?? "local"))
        {
            return new LocalSource(node);
        }

        if (!node.ConnectedNodes.Contains(nodeName, StringComparer.Ordinal))
        {
            error = Results.Problem($"'{nodeName}' is not a node connected to {node.NodeName ?? "this node"}.", statusCode: StatusCodes.Status404NotFound);
            return null;
        }

        return new RemoteSource(node.Introspection.OfNode(nodeName));
    }
}
