// Negative: an HTTP gateway that awaits its I/O, catches only HttpRequestException and rethrows the rest.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.N03;

[GenServer]
public partial class Gateway
{
    private readonly HttpClient _http = new();
    private int _failures;

    [Call]
    public async ValueTask<string?> Get(string url, CancellationToken exit)
    {
        try
        {
            return await _http.GetStringAsync(url, exit);
        }
        catch (HttpRequestException)
        {
            _failures++;
            return null;
        }
    }

    [Call] public int Failures() => _failures;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Gateway.ChildSpec(name: "gateway") };
}
