using System.Numerics;
using System.Text;

namespace Arbor.Distribution.Terms;

/// <summary>Conversions shared by the reader, writer and comparer: boxing small integers once, and the canonical form of
/// C# values that denote the same Erlang term (an <c>int</c> and a <c>long</c> are the same integer).</summary>
internal static class TermValues
{
    private static readonly object[] SmallBoxes = CreateSmallBoxes();

    /// <summary>The boxed <see cref="long"/> for 0..255, shared.</summary>
    public static object BoxedSmall(byte value) => SmallBoxes[value];

    /// <summary>A boxed <see cref="long"/>, shared for 0..255 (the most common integers on the wire).</summary>
    public static object Box(long value) => (ulong)value <= byte.MaxValue ? SmallBoxes[value] : value;

    /// <summary>True when <paramref name="term"/> is an integer 0..255.</summary>
    public static bool TryGetByte(object? term, out byte value)
    {
        if (TryGetInt64(term, out var number) && (ulong)number <= byte.MaxValue)
        {
            value = (byte)number;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>True when <paramref name="term"/> is a C# integer of any width (or a BigInteger) that fits a long.</summary>
    public static bool TryGetInt64(object? term, out long value)
    {
        switch (term)
        {
            case long l: value = l; return true;
            case int i: value = i; return true;
            case short s: value = s; return true;
            case sbyte sb: value = sb; return true;
            case byte b: value = b; return true;
            case ushort us: value = us; return true;
            case uint ui: value = ui; return true;
            case ulong ul when ul <= long.MaxValue: value = (long)ul; return true;
            case BigInteger big when big >= long.MinValue && big <= long.MaxValue: value = (long)big; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>The canonical C# value of a term, so equal Erlang terms compare equal whatever C# type built them.</summary>
    public static object Canonical(object? term) => term switch
    {
        null => Atom.Nil,
        bool b => b ? Atom.True : Atom.False,
        long => term,
        double => term,
        float f => (double)f,
        string s => Encoding.UTF8.GetBytes(s),
        ulong ul when ul > long.MaxValue => new BigInteger(ul),
        BigInteger big when big < long.MinValue || big > long.MaxValue => big,
        ErlangBitBinary { BitsInLastByte: 8 } bits => bits.Bytes,
        _ when TryGetInt64(term, out var l) => l,
        _ => term,
    };

    private static object[] CreateSmallBoxes()
    {
        var boxes = new object[256];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)i;
        }

        return boxes;
    }
}
