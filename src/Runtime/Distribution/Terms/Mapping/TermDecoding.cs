using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics;
using System.Text;

namespace Arbor.Distribution.Terms.Mapping;

/// <summary>
/// Decoding of dynamic terms into C# values, used by generated remote-protocol code. Every method returns false
/// (never throws) when the term has another shape or its value does not fit, so a malformed request is simply not
/// matched.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TermDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>An integer that fits a <see cref="long"/>.</summary>
    public static bool TryInt64(object term, out long value) => TermValues.TryGetInt64(term, out value);

    /// <summary>An integer that fits an <see cref="int"/>.</summary>
    public static bool TryInt32(object term, out int value)
    {
        var ok = TryInt64(term, out var wide) && wide is >= int.MinValue and <= int.MaxValue;
        value = ok ? (int)wide : 0;
        return ok;
    }

    /// <summary>An integer that fits a <see cref="short"/>.</summary>
    public static bool TryInt16(object term, out short value)
    {
        var ok = TryInt64(term, out var wide) && wide is >= short.MinValue and <= short.MaxValue;
        value = ok ? (short)wide : (short)0;
        return ok;
    }

    /// <summary>An integer 0..255.</summary>
    public static bool TryByte(object term, out byte value) => TermValues.TryGetByte(term, out value);

    /// <summary>An integer that fits a <see cref="uint"/>.</summary>
    public static bool TryUInt32(object term, out uint value)
    {
        var ok = TryInt64(term, out var wide) && wide is >= 0 and <= uint.MaxValue;
        value = ok ? (uint)wide : 0;
        return ok;
    }

    /// <summary>An integer that fits a <see cref="ulong"/>.</summary>
    public static bool TryUInt64(object term, out ulong value)
    {
        if (TryInt64(term, out var wide) && wide >= 0)
        {
            value = (ulong)wide;
            return true;
        }

        if (term is BigInteger big && big.Sign >= 0 && big <= ulong.MaxValue)
        {
            value = (ulong)big;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Any integer.</summary>
    public static bool TryBigInteger(object term, out BigInteger value)
    {
        if (term is BigInteger big)
        {
            value = big;
            return true;
        }

        var ok = TryInt64(term, out var wide);
        value = wide;
        return ok;
    }

    /// <summary>A float (an integer is not accepted: Erlang keeps them apart).</summary>
    public static bool TryDouble(object term, out double value)
    {
        var ok = term is double;
        value = ok ? (double)term : 0;
        return ok;
    }

    /// <summary>A float, narrowed.</summary>
    public static bool TrySingle(object term, out float value)
    {
        var ok = TryDouble(term, out var wide);
        value = (float)wide;
        return ok;
    }

    /// <summary>The atom <c>true</c> or <c>false</c>.</summary>
    public static bool TryBoolean(object term, out bool value)
    {
        var ok = term is bool;
        value = ok && (bool)term;
        return ok;
    }

    /// <summary>A UTF-8 binary (an Elixir string), or a string a C# sender passed as is.</summary>
    public static bool TryString(object term, out string value)
    {
        switch (term)
        {
            case string text:
                value = text;
                return true;
            case byte[] bytes:
                try
                {
                    value = StrictUtf8.GetString(bytes);
                    return true;
                }
                catch (DecoderFallbackException)
                {
                    break;
                }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>A binary.</summary>
    public static bool TryBytes(object term, out byte[] value)
    {
        value = term as byte[] ?? [];
        return term is byte[];
    }

    /// <summary>An atom (also <c>true</c>/<c>false</c>, which decode as bool).</summary>
    public static bool TryAtom(object term, out Atom value)
    {
        switch (term)
        {
            case Atom atom: value = atom; return true;
            case bool b: value = b ? Atom.True : Atom.False; return true;
            default: value = default; return false;
        }
    }

    /// <summary>A pid (the transport maps wire pids to <see cref="Pid"/>).</summary>
    public static bool TryPid(object term, out Pid value)
    {
        var ok = term is Pid;
        value = ok ? (Pid)term : default;
        return ok;
    }

    /// <summary>Any term, as is.</summary>
    public static bool TryTerm(object term, out object value)
    {
        value = term;
        return true;
    }

    /// <summary>The atom <c>nil</c> (Elixir's nil), which stands for a C# null.</summary>
    public static bool IsNil(object term) => term is Atom atom && atom == Atom.Nil;

    /// <summary>A proper list whose elements all decode.</summary>
    public static bool TryList<T>(object term, TermDecoder<T> element, out List<T> value)
    {
        value = [];
        if (term is not ErlangList { IsProper: true } list)
        {
            return false;
        }

        value = new List<T>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!element(list.Elements[i], out var item))
            {
                return false;
            }

            value.Add(item);
        }

        return true;
    }

    /// <summary>A proper list whose elements all decode, as an array.</summary>
    public static bool TryArray<T>(object term, TermDecoder<T> element, out T[] value)
    {
        var ok = TryList(term, element, out var list);
        value = ok ? list.ToArray() : [];
        return ok;
    }

    /// <summary>A map whose keys and values all decode (keys must stay distinct after decoding).</summary>
    public static bool TryDictionary<TKey, TValue>(object term, TermDecoder<TKey> key, TermDecoder<TValue> value, out Dictionary<TKey, TValue> result)
        where TKey : notnull
    {
        result = [];
        if (term is not ErlangMap map)
        {
            return false;
        }

        result = new Dictionary<TKey, TValue>(map.Count);
        foreach (var pair in map.Pairs)
        {
            if (!key(pair.Key, out var k) || !value(pair.Value, out var v) || !result.TryAdd(k, v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A tuple of exactly <paramref name="arity"/> elements.</summary>
    public static bool TryTuple(object term, int arity, out ErlangTuple tuple)
    {
        tuple = term as ErlangTuple ?? ErlangTuple.Empty;
        return term is ErlangTuple found && found.Count == arity;
    }

    /// <summary>A map, for a record-like type whose properties are looked up by atom key (extra keys are ignored, so an
    /// Elixir struct's <c>__struct__</c> key does no harm).</summary>
    public static bool TryMap(object term, out ErlangMap map)
    {
        map = term as ErlangMap ?? ErlangMap.Empty;
        return term is ErlangMap;
    }
}
