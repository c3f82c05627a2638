// Negative: two tasks started, stored, and awaited together.
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.N02;

[GenServer]
public partial class Compare
{
    private readonly HttpClient _http = new();

    [Call]
    public async ValueTask<bool> Same(string a, string b)
    {
        var first = _http.GetStringAsync(a);
        var second = _http.GetStringAsync(b);
        await Task.WhenAll(first, second);
        return first.Result == second.Result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Compare.ChildSpec() };
}
