// Positive: the dictionary itself replied as IReadOnlyDictionary: still the live object.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P12;

[GenServer]
public partial class WordCount
{
    private readonly Dictionary<string, int> _counts = new();

    [Cast]
    public void Add(string text)
    {
        foreach (var word in text.Split(' ')) _counts[word] = _counts.GetValueOrDefault(word) + 1;
    }

    [Call] public IReadOnlyDictionary<string, int> Counts() => this._counts; //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { WordCount.ChildSpec() };
}
