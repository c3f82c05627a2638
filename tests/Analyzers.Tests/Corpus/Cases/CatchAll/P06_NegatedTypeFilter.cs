// Positive: "everything but cancellation" is still a catch-all.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.CatchAll.P06;

[GenServer]
public partial class Fetcher
{
    private readonly HttpClient _http = new();
    private string? _last;

    [Call]
    public async ValueTask<string?> Fetch(string url, CancellationToken exit)
    {
        try
        {
            _last = await _http.GetStringAsync(url, exit);
        }
        catch (Exception e) when (e is not OperationCanceledException) //~ ARB1001
        {
            _last = null;
        }

        return _last;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Fetcher.ChildSpec() };
}
