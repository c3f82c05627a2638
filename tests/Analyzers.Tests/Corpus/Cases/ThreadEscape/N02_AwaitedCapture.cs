// Negative: the lambda reads state, but the handler awaits it at once: no other message runs meanwhile.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.N02;

[GenServer]
public partial class Index
{
    private readonly List<string> _docs = new();

    [Cast] public void Add(string doc) => _docs.Add(doc);

    [Call]
    public async ValueTask<int> CountMatching(string word) =>
        await Task.Run(() => _docs.Count(d => d.Contains(word))).ConfigureAwait(false);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Index.ChildSpec() };
}
