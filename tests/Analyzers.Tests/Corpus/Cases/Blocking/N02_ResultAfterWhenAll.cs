// Negative: Result of tasks after awaiting Task.WhenAll of them.
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.N02;

[GenServer]
public partial class Mirror
{
    private readonly HttpClient _http = new();

    [Call]
    public async ValueTask<int> Both(string a, string b)
    {
        var first = _http.GetStringAsync(a);
        var second = _http.GetStringAsync(b);
        await Task.WhenAll(first, second);
        return first.Result.Length + second.Result.Length;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Mirror.ChildSpec() };
}
