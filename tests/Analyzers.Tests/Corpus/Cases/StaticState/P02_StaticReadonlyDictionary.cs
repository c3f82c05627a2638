// Positive: a static readonly cache is still a mutable dictionary shared by all processes.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StaticState.P02;

[GenServer]
public partial class Resolver
{
    private static readonly Dictionary<string, string> s_cache = new(); //~ ARB1002

    [Call]
    public string Resolve(string host)
    {
        if (!s_cache.TryGetValue(host, out var ip))
        {
            ip = "10.0.0." + (host.Length % 250);
            s_cache[host] = ip;
        }

        return ip;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Resolver.ChildSpec() };
}
