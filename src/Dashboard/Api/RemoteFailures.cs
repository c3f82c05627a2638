using System;
using System.Threading.Tasks;
using Arbor.Dashboard.Sources;
using Microsoft.AspNetCore.Http;

namespace Arbor.Dashboard.Api;

/// <summary>
/// Turns a failed read of another node into an answer the page can show: the node does not serve its introspection (502,
/// with what to call there), did not answer in time (504), or the connection went (502).
/// </summary>
internal static class RemoteFailures
{
    public static async Task<IResult> GuardAsync(IDashboardSource source, Func<Task<IResult>> answer)
    {
        try
        {
            return await answer().ConfigureAwait(false);
        }
        catch (CallException failure) when (source is RemoteSource)
        {
            return Results.Problem(
                Message(source, failure),
                statusCode: failure is CallTimeoutException ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>What went wrong, in words for the page.</summary>
    public static string Message(IDashboardSource source, CallException failure) => failure switch
    {
        NoProcessException => $"{source.NodeName} does not serve its introspection: call node.Introspection.ServeRemoteAsync() on it.",
        CallTimeoutException => $"{source.NodeName} did not answer in time.",
        _ => $"Reading {source.NodeName} failed: {failure.Message}",
    };
}
