// Positive: a client built from the process's own pid.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P05;

[GenServer]
public partial class Sequence
{
    private long _next;

    [Call] public long Next() => _next++;

    [Call]
    public async ValueTask<System.Collections.Generic.IReadOnlyList<long>> Batch(int n)
    {
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = await SequenceRef.FromPid(Self).NextAsync(); //~ ARB1010
        }

        return result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Sequence.ChildSpec() };
}
