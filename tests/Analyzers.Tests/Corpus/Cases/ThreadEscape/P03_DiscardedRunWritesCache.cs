// Positive: an async lambda writes the cache on another thread; the task is discarded.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.P03;

[GenServer]
public partial class Prefetcher
{
    private readonly Dictionary<string, string> _cache = new();
    private readonly HttpClient _http = new();

    [Cast]
    public void Prefetch(string url)
    {
        _ = Task.Run(async () => //~ ARB1005 ARB1006
        {
            var body = await _http.GetStringAsync(url);
            _cache[url] = body;
        });
    }

    [Call] public bool Has(string url) => _cache.ContainsKey(url);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Prefetcher.ChildSpec() };
}
