// Negative: the reply is a list built fresh in the handler.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.N10;

[GenServer]
public partial class Primes
{
    private int _limit = 100;

    [Cast] public void Raise(int limit) => _limit = limit;

    [Call]
    public IReadOnlyList<int> Below()
    {
        var result = new List<int>();
        for (var n = 2; n < _limit; n++)
        {
            var prime = true;
            for (var d = 2; d * d <= n && prime; d++) prime = n % d != 0;
            if (prime) result.Add(n);
        }

        return result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Primes.ChildSpec() };
}
