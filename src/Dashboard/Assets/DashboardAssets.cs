using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arbor.Dashboard.Assets;

/// <summary>The page, its script and its style sheet, served from the assembly's embedded resources.</summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    public static void Map(RouteGroupBuilder group)
    {
        // Routing treats "{prefix}" and "{prefix}/" as one route: without the slash, redirect, so that the page's relative
        // URLs (app.js, api/...) resolve under the prefix.
        group.MapGet("/", (HttpContext http) => http.Request.Path.Value is { } path && path.EndsWith('/')
            ? Serve("index.html")
            : Results.Redirect(http.Request.PathBase + http.Request.Path + "/"));
        group.MapGet("/app.js", () => Serve("app.js"));
        group.MapGet("/app.css", () => Serve("app.css"));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> s_loaded = new(StringComparer.Ordinal);

    private static IResult Serve(string name) => Results.Bytes(s_loaded.GetOrAdd(name, Load), s_types[name]);

    private static byte[] Load(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Arbor.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is missing from Arbor.Dashboard.dll.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
