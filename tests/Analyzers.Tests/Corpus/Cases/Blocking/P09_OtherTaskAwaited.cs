// Positive: only the first task was awaited; the second one's Result may still block.
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Blocking.P09;

[GenServer]
public partial class Mirror
{
    private readonly HttpClient _http = new();

    [Call]
    public async ValueTask<int> Both(string a, string b)
    {
        var first = _http.GetStringAsync(a);
        var second = _http.GetStringAsync(b);
        var one = await first;
        return one.Length + second.Result.Length; //~ ARB1009
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Mirror.ChildSpec() };
}
