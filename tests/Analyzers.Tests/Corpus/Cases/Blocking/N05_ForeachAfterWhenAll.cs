// Negative: iterating over tasks after awaiting WhenAll of the same list.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N05;

[GenServer]
public partial class Crawler
{
    private readonly HttpClient _http = new();

    [Call]
    public async ValueTask<int> TotalLength(IReadOnlyList<string> urls)
    {
        var downloads = new List<Task<string>>();
        foreach (var url in urls) downloads.Add(_http.GetStringAsync(url));
        await Task.WhenAll(downloads);

        var total = 0;
        foreach (var download in downloads)
        {
            total += download.Result.Length;
        }

        return total;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Crawler.ChildSpec() };
}
