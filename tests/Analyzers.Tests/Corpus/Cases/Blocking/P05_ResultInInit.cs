// Positive: init (the constructor) blocks on loading its state.
using System.IO;
using Arbor;

namespace Corpus.Blocking.P05;

[GenServer]
public partial class Dictionary
{
    private readonly string[] _words;

    public Dictionary(string path)
    {
        _words = File.ReadAllLinesAsync(path).Result; //~ ARB1009
    }

    [Call] public bool Knows(string word) => System.Array.IndexOf(_words, word) >= 0;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Dictionary.ChildSpec("words.txt") };
}
