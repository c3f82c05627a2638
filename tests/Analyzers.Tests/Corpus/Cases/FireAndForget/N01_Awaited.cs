// Negative: the async cast awaits its save; a failure crashes the process.
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.N01;

[GenServer]
public partial class Notes
{
    private string _text = "";

    [Cast]
    public async ValueTask Update(string text)
    {
        _text = text;
        await SaveAsync(text);
    }

    [Call] public string Text() => _text;

    private static Task SaveAsync(string text) => File.WriteAllTextAsync("notes.txt", text);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Notes.ChildSpec() };
}
