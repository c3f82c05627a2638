// Positive: a continuation writes the field when the download finishes, whenever that is.
using System.Net.Http;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.P06;

[GenServer]
public partial class Downloader
{
    private readonly HttpClient _http = new();
    private string? _last;
    private Task? _pending;

    [Cast]
    public void Start(string url)
    {
        _pending = _http.GetStringAsync(url).ContinueWith(t => _last = t.Result); //~ ARB1005
    }

    [Call] public string? Last() => _last;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Downloader.ChildSpec() };
}
