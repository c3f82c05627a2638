// Positive: Parallel.ForEach adds into a field from several threads at once.
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.ThreadEscape.P04;

[GenServer]
public partial class Summer
{
    private long _total;

    [Call]
    public long Add(IReadOnlyList<int> values)
    {
        Parallel.ForEach(values, v => _total += v); //~ ARB1005
        return _total;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Summer.ChildSpec() };
}
