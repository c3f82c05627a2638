using System.Globalization;
using System.Numerics;
using System.Text;

namespace Arbor.Distribution.Terms;

/// <summary>Renders dynamic terms in Erlang syntax for <c>ToString</c>, logs and error messages (bounded in length, so a
/// huge term cannot flood a log).</summary>
internal static class TermFormatter
{
    private const int MaxLength = 4096;

    public static string Format(object? term)
    {
        var text = new StringBuilder();
        Append(text, term, depth: 0);
        return text.Length > MaxLength ? text.ToString(0, MaxLength) + "…" : text.ToString();
    }

    private static void Append(StringBuilder text, object? term, int depth)
    {
        if (text.Length > MaxLength)
        {
            return;
        }

        if (depth > 64)
        {
            text.Append('…');
            return;
        }

        switch (term)
        {
            case null: text.Append("nil"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case double d:
                var number = d.ToString("R", CultureInfo.InvariantCulture);
                text.Append(number);
                if (!number.Contains('.', System.StringComparison.Ordinal) && !number.Contains('E', System.StringComparison.Ordinal))
                {
                    text.Append(".0");
                }

                break;
            case BigInteger big: text.Append(big.ToString(CultureInfo.InvariantCulture)); break;
            case string s: text.Append("<<\"").Append(s.Replace("\"", "\\\"", System.StringComparison.Ordinal)).Append("\"/utf8>>"); break;
            case byte[] bytes: AppendBytes(text, bytes, bytes.Length); text.Append(">>"); break;
            case ErlangBitBinary bits:
                AppendBytes(text, bits.Bytes, bits.Bytes.Length - 1);
                if (bits.Bytes.Length > 1)
                {
                    text.Append(',');
                }

                text.Append(bits.MaskedLastByte >> (8 - bits.BitsInLastByte)).Append(':').Append(bits.BitsInLastByte).Append(">>");
                break;
            case ErlangTuple tuple:
                text.Append('{');
                for (var i = 0; i < tuple.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Append(text, tuple[i], depth + 1);
                }

                text.Append('}');
                break;
            case ErlangList list:
                text.Append('[');
                for (var i = 0; i < list.Count && text.Length <= MaxLength; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Append(text, list.Elements[i], depth + 1);
                }

                if (list.Tail is not null)
                {
                    text.Append('|');
                    Append(text, list.Tail, depth + 1);
                }

                text.Append(']');
                break;
            case ErlangMap map:
                text.Append("#{");
                for (var i = 0; i < map.Count && text.Length <= MaxLength; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Append(text, map.Pairs[i].Key, depth + 1);
                    text.Append(" => ");
                    Append(text, map.Pairs[i].Value, depth + 1);
                }

                text.Append('}');
                break;
            case System.IFormattable formattable: text.Append(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: text.Append(term); break;
        }
    }

    private static void AppendBytes(StringBuilder text, byte[] bytes, int count)
    {
        text.Append("<<");
        for (var i = 0; i < count && text.Length <= MaxLength; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(bytes[i]);
        }
    }
}
