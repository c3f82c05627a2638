using System.Numerics;
using Arbor.Distribution.Terms;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Cluster.Replication;

/// <summary>
/// Codecs for the scalar types the term mapping supports (see <c>docs/distribution.md</c>): integers become Erlang
/// integers, strings UTF-8 binaries, <see cref="bool"/> the atoms <c>true</c>/<c>false</c>, byte arrays binaries, and
/// atoms, pids and dynamic terms travel as they are. Other types need <see cref="TermCodec.Create{T}"/>.
/// </summary>
public static class TermCodecs
{
    /// <summary>A 64-bit integer.</summary>
    public static TermCodec<long> Int64 { get; } = new(value => value, TermDecoding.TryInt64, "long");

    /// <summary>A 32-bit integer.</summary>
    public static TermCodec<int> Int32 { get; } = new(value => value, TermDecoding.TryInt32, "int");

    /// <summary>An integer of any size.</summary>
    public static TermCodec<BigInteger> BigInteger { get; } = new(value => value, TermDecoding.TryBigInteger, "BigInteger");

    /// <summary>A float.</summary>
    public static TermCodec<double> Double { get; } = new(value => value, TermDecoding.TryDouble, "double");

    /// <summary>A boolean (<c>true</c>/<c>false</c>).</summary>
    public static TermCodec<bool> Boolean { get; } = new(value => value, TermDecoding.TryBoolean, "bool");

    /// <summary>A string, as a UTF-8 binary.</summary>
    public static TermCodec<string> String { get; } = new(value => value, TermDecoding.TryString, "string");

    /// <summary>A binary (compared by reference as a map value: prefer strings or wrap it when equality matters).</summary>
    public static TermCodec<byte[]> Bytes { get; } = new(value => value, TermDecoding.TryBytes, "binary");

    /// <summary>An atom.</summary>
    public static TermCodec<Atom> Atom { get; } = new(value => value, TermDecoding.TryAtom, "atom");

    /// <summary>A pid.</summary>
    public static TermCodec<Pid> Pid { get; } = new(value => value, TermDecoding.TryPid, "pid");

    /// <summary>Any term, as is (as a key, compared with the term types' own equality).</summary>
    public static TermCodec<object> Term { get; } = new(value => value, TermDecoding.TryTerm, "term");
}
