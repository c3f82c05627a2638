// Positive: GetAwaiter().GetResult() in an info handler.
using System.Net.Http;
using Arbor;

namespace Corpus.Blocking.P03;

public sealed record Refresh(string Url);

[GenServer]
public partial class Feed
{
    private readonly HttpClient _http = new();
    private string _body = "";

    [Info]
    public void On(Refresh refresh)
    {
        _body = _http.GetStringAsync(refresh.Url).GetAwaiter().GetResult(); //~ ARB1009
    }

    [Call] public int Length() => _body.Length;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Feed.ChildSpec() };
}
