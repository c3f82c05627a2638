// Positive: a notifier that drops its sends and takes a mutable recipients list.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.P04;

[GenServer]
public partial class Notifier
{
    private readonly HttpClient _http = new();
    private int _sent;

    [Cast]
    public void Notify(List<string> recipients, string text) //~ ARB1004
    {
        foreach (var recipient in recipients)
        {
            _sent++;
            _ = _http.PostAsync($"https://push.example/{recipient}", new StringContent(text)); //~ ARB1006
        }
    }

    [Call] public int Sent() => _sent;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Notifier.ChildSpec() };
}
