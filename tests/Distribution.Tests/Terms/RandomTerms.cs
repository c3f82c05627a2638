using System.Text;

namespace Arbor.Distribution.Tests.Terms;

/// <summary>
/// Seeded generator of random dynamic terms covering every type the codec writes (used by the fuzz and the erl
/// round-trip tests). The same seed gives the same terms.
/// </summary>
internal sealed class RandomTerms(int seed, int maxDepth = 4, int maxNodes = 400)
{
    private int _nodesLeft;

    private static readonly string[] AtomAlphabet = ["a", "b", "z", "_", "@", "A", "0", "é", "ü", "ñ", "日", "本", "\U0001F600", " ", "'", "\\", "\""];
    private static readonly Atom[] Nodes = [Atom.Of("nonode@nohost"), Atom.Of("arbor@host"), Atom.Of("a@b")];

    public Random Random { get; } = new(seed);

    /// <summary>A random term of at most <c>maxNodes</c> values (compounds stop growing when the budget is spent).</summary>
    public object Next()
    {
        _nodesLeft = maxNodes;
        return Next(0);
    }

    private object Next(int depth)
    {
        var pick = depth >= maxDepth || --_nodesLeft <= 0 ? Random.Next(12) : Random.Next(18);
        return pick switch
        {
            0 => (long)Random.Next(256),
            1 => (long)Random.Next(int.MinValue, int.MaxValue),
            2 => Random.NextInt64(long.MinValue, long.MaxValue),
            3 => NextBig(),
            4 => NextFloat(),
            5 => NextAtom(),
            6 => Random.Next(2) == 0,
            7 => NextBytes(Random.Next(4) == 0 ? 300 : 20),
            8 => new ErlangBitBinary(NextBytes(1 + Random.Next(5)), 1 + Random.Next(7)),
            9 => new ErlangPid(Nodes[Random.Next(Nodes.Length)], (uint)Random.Next(1 << 15), (uint)Random.Next(1 << 13), (uint)Random.Next(4)),
            10 => new ErlangReference(Nodes[Random.Next(Nodes.Length)], (uint)Random.Next(4), [(uint)Random.Next(1 << 18), (uint)Random.NextInt64(uint.MaxValue), (uint)Random.NextInt64(uint.MaxValue)]),
            11 => Random.Next(3) switch
            {
                0 => new ErlangPort(Nodes[Random.Next(Nodes.Length)], (ulong)Random.Next(1 << 28), (uint)Random.Next(4)),
                1 => new ErlangExport(NextAtom(), NextAtom(), (byte)Random.Next(256)),
                _ => ErlangList.FromBytes(NextBytes(Random.Next(1, 30))),
            },
            12 or 13 => NextTuple(depth),
            14 or 15 => NextList(depth),
            16 => NextMap(depth),
            _ => Random.Next(2) == 0 ? ErlangList.Empty : ErlangTuple.Empty,
        };
    }

    public BigInteger NextBig()
    {
        var bytes = NextBytes(Random.Next(1, Random.Next(4) == 0 ? 400 : 24));
        var value = new BigInteger(bytes, isUnsigned: true) + ((BigInteger)long.MaxValue + 1);
        return Random.Next(2) == 0 ? value : -value - 1;
    }

    public double NextFloat() => Random.Next(4) switch
    {
        0 => Random.NextDouble() * 1000,
        1 => -Random.NextDouble() * 1e300,
        2 => BitConverter.Int64BitsToDouble(Random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)) * (Random.Next(2) == 0 ? 1 : -1),
        _ => Random.Next(-1000, 1000) / 8.0,
    };

    public Atom NextAtom()
    {
        var text = new StringBuilder();
        var length = Random.Next(4) == 0 ? Random.Next(200, 256) : Random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            text.Append(AtomAlphabet[Random.Next(AtomAlphabet.Length)]);
        }

        return Atom.Of(text.ToString());
    }

    public byte[] NextBytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    private ErlangTuple NextTuple(int depth)
    {
        var elements = new object[Random.Next(4) == 0 && depth == 0 ? Random.Next(250, 300) : Random.Next(0, 5)];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = Next(depth + 1);
        }

        return new ErlangTuple(elements);
    }

    private ErlangList NextList(int depth)
    {
        var elements = new object[Random.Next(1, 6)];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = Next(depth + 1);
        }

        // A third of the lists are improper: any non-list tail.
        object? tail = null;
        if (Random.Next(3) == 0)
        {
            do
            {
                tail = Next(depth + 1);
            }
            while (tail is ErlangList);
        }

        return new ErlangList(elements, tail);
    }

    private ErlangMap NextMap(int depth)
    {
        var pairs = new Dictionary<object, object>(TermEqualityComparer.Default);
        var count = Random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            pairs[Random.Next(2) == 0 ? NextAtom() : Next(depth + 1)] = Next(depth + 1);
        }

        return new ErlangMap(pairs);
    }
}
