// Positive: an async handler discards a webhook post.
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.P02;

public sealed record Paid(string Order);

[GenServer]
public partial class Webhooks
{
    private readonly HttpClient _http = new();
    private int _sent;

    [Info]
    public async ValueTask On(Paid paid)
    {
        await Task.Yield();
        _ = _http.PostAsync("https://hooks.example/paid", new StringContent(paid.Order)); //~ ARB1006
        _sent++;
    }

    [Call] public int Sent() => _sent;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Webhooks.ChildSpec() };
}
