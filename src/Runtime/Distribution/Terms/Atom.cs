using System;
using System.Collections.Concurrent;
using System.Text;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang atom: a name of at most 255 Unicode code points. Two atoms are equal when their names are equal (ordinal).
/// </summary>
/// <remarks>
/// <see cref="Of"/> interns names in a process-wide table without limit, so it is for trusted, local names (constants in
/// code, generated protocol atoms). Atoms that arrive from the network are interned by a bounded <see cref="AtomTable"/>
/// instead, so a peer cannot grow memory by sending distinct atoms. Each atom keeps its UTF-8 encoding, so writing it
/// costs a copy and no transcoding.
/// </remarks>
public readonly struct Atom : IEquatable<Atom>
{
    /// <summary>The longest atom Erlang accepts, in code points.</summary>
    public const int MaxLength = 255;

    private static readonly ConcurrentDictionary<string, AtomName> Interned = new(StringComparer.Ordinal);

    private readonly AtomName? _name;

    internal Atom(AtomName name) => _name = name;

    /// <summary>
    /// This atom as an object, boxed once per atom and shared: decoding a term hands out the same box every time
    /// instead of allocating one per occurrence (the struct is immutable, so sharing is safe).
    /// </summary>
    internal object Boxed => _name is null ? this : _name.Boxed;

    /// <summary>The atom <c>true</c>.</summary>
    public static Atom True { get; } = Of("true");

    /// <summary>The atom <c>false</c>.</summary>
    public static Atom False { get; } = Of("false");

    /// <summary>The atom <c>undefined</c>.</summary>
    public static Atom Undefined { get; } = Of("undefined");

    /// <summary>The atom <c>ok</c>.</summary>
    public static Atom Ok { get; } = Of("ok");

    /// <summary>The atom <c>error</c>.</summary>
    public static Atom Error { get; } = Of("error");

    /// <summary>The atom <c>nil</c> (Elixir's <c>nil</c>; what a C# <see langword="null"/> is written as).</summary>
    public static Atom Nil { get; } = Of("nil");

    /// <summary>The atom's name. The default <see cref="Atom"/> is the empty atom <c>''</c>.</summary>
    public string Name => _name?.Text ?? string.Empty;

    /// <summary>The name encoded as UTF-8 (what the external term format carries).</summary>
    public ReadOnlySpan<byte> Utf8Name => _name is null ? ReadOnlySpan<byte>.Empty : _name.Utf8;

    /// <summary>Returns the atom named <paramref name="name"/>, interning it without limit (trusted names only).</summary>
    /// <exception cref="ArgumentException">The name is longer than 255 code points.</exception>
    public static Atom Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Interned.TryGetValue(name, out var existing))
        {
            return new Atom(existing);
        }

        if (!AtomName.IsValidLength(name))
        {
            throw new ArgumentException($"An atom has at most {MaxLength} code points; '{Truncate(name)}' has more.", nameof(name));
        }

        return new Atom(Interned.GetOrAdd(name, static n => new AtomName(n, Encoding.UTF8.GetBytes(n))));
    }

    /// <summary>Finds an atom interned by <see cref="Of"/> (used by <see cref="AtomTable"/> so local names never count
    /// against its capacity).</summary>
    internal static bool TryGetInterned(ReadOnlySpan<char> name, out Atom atom)
    {
        if (Interned.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var found))
        {
            atom = new Atom(found);
            return true;
        }

        atom = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(Atom other) =>
        ReferenceEquals(_name, other._name) || string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Atom other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => string.GetHashCode(Name, StringComparison.Ordinal);

    /// <summary>The atom as Erlang prints it: bare when it is a plain lower-case word, otherwise in single quotes.</summary>
    public override string ToString() => NeedsQuotes(Name) ? "'" + Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : Name;

    /// <summary>Ordinal name equality.</summary>
    public static bool operator ==(Atom left, Atom right) => left.Equals(right);

    /// <summary>Ordinal name inequality.</summary>
    public static bool operator !=(Atom left, Atom right) => !left.Equals(right);

    private static bool NeedsQuotes(string name)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z')
        {
            return true;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '@'))
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40] + "…";
}

/// <summary>An atom's shared payload: its name and the name's UTF-8 bytes, created once per distinct atom.</summary>
internal sealed class AtomName(string text, byte[] utf8)
{
    private object? _boxed;

    /// <summary>The shared box of this atom (see <see cref="Atom.Boxed"/>); a race may box twice, harmlessly.</summary>
    public object Boxed => _boxed ??= new Atom(this);

    public string Text { get; } = text;

    public byte[] Utf8 { get; } = utf8;

    /// <summary>True when <paramref name="name"/> has at most <see cref="Atom.MaxLength"/> code points.</summary>
    public static bool IsValidLength(ReadOnlySpan<char> name)
    {
        if (name.Length <= Atom.MaxLength)
        {
            return true;
        }

        if (name.Length > 2 * Atom.MaxLength)
        {
            return false;
        }

        var codePoints = 0;
        foreach (var _ in name.EnumerateRunes())
        {
            codePoints++;
        }

        return codePoints <= Atom.MaxLength;
    }
}
