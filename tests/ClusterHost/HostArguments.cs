using System;
using System.Collections.Generic;
using System.Globalization;

namespace Arbor.ClusterHost;

/// <summary>
/// The command line: <c>--name alive@host --port P --cookie C --seeds a@h,b@h --peers a@h=port,b@h=port --children N</c>.
/// Peers map each node name to the port this node dials for it (the test's partitionable proxy for that link).
/// </summary>
internal sealed record HostArguments(string Name, int Port, string Cookie, IReadOnlyList<string> Seeds, IReadOnlyDictionary<string, int> Peers, int Children)
{
    public static HostArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var peers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Split(values.GetValueOrDefault("--peers")))
        {
            var at = entry.LastIndexOf('=');
            peers[entry[..at]] = int.Parse(entry[(at + 1)..], CultureInfo.InvariantCulture);
        }

        return new HostArguments(
            values["--name"],
            int.Parse(values["--port"], CultureInfo.InvariantCulture),
            values.GetValueOrDefault("--cookie") ?? "cluster-host",
            Split(values.GetValueOrDefault("--seeds")),
            peers,
            int.Parse(values.GetValueOrDefault("--children") ?? "0", CultureInfo.InvariantCulture));
    }

    private static string[] Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
