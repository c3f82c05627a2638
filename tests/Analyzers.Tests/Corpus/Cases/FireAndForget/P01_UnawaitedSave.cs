// Positive: a sync cast handler starts a save and drops the task: a failed save goes unnoticed.
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.P01;

[GenServer]
public partial class Notes
{
    private string _text = "";

    [Cast]
    public void Update(string text)
    {
        _text = text;
        SaveAsync("notes.txt", text); //~ ARB1006
    }

    [Call] public string Text() => _text;

    private static Task SaveAsync(string path, string text) => File.WriteAllTextAsync(path, text);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Notes.ChildSpec() };
}
