using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using System.Threading;

namespace Arbor.Distribution.Terms;

/// <summary>
/// A bounded table of atoms that arrived from the network. Decoding an atom the table has not seen adds it; once
/// <see cref="Capacity"/> distinct atoms are in, further new atoms are refused (the decoder then fails with a
/// <see cref="TermFormatException"/>), so a peer cannot grow this node's memory by sending distinct atoms — the weakness
/// of the BEAM's own unbounded atom table. Atoms created locally with <see cref="Atom.Of"/> are always found and never
/// count against the capacity. Thread-safe: one table is meant to be shared by all connections of a node.
/// </summary>
public sealed class AtomTable
{
    /// <summary>The longest atom in UTF-8 bytes (255 code points of up to 4 bytes).</summary>
    internal const int MaxUtf8Bytes = Atom.MaxLength * 4;

    private readonly ConcurrentDictionary<string, AtomName> _atoms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AtomName>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _count;

    /// <summary>Creates a table that accepts at most <paramref name="capacity"/> distinct network atoms.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public AtomTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _lookup = _atoms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The default capacity of a node's table (Erlang's own default atom limit is 1,048,576).</summary>
    public const int DefaultCapacity = 65_536;

    /// <summary>How many distinct atoms this table accepts from the network.</summary>
    public int Capacity { get; }

    /// <summary>How many distinct atoms the table holds (never more than <see cref="Capacity"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Finds the atom named by <paramref name="utf8"/>, adding it when it is new and the table has room. Returns false
    /// when the name is not valid UTF-8, is longer than 255 code points, or is new while the table is full.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out Atom atom) => TryGet(utf8, latin1: false, out atom) == AtomLookup.Found;

    /// <summary>Like <see cref="TryGet(ReadOnlySpan{byte}, out Atom)"/>, telling why it failed.</summary>
    internal AtomLookup TryGet(ReadOnlySpan<byte> bytes, bool latin1, out Atom atom)
    {
        atom = default;
        if (bytes.Length > MaxUtf8Bytes || (latin1 && bytes.Length > Atom.MaxLength))
        {
            return AtomLookup.TooLong;
        }

        // UTF-8 and Latin-1 never take more chars than bytes; sized to the atom, so short atoms zero a short buffer.
        Span<char> chars = stackalloc char[Math.Max(bytes.Length, 1)];
        int length;
        if (latin1)
        {
            length = Encoding.Latin1.GetChars(bytes, chars);
        }
        else if (Utf8.ToUtf16(bytes, chars, out _, out length, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return AtomLookup.InvalidUtf8;
        }

        var name = chars[..length];
        if (!AtomName.IsValidLength(name))
        {
            return AtomLookup.TooLong;
        }

        if (Atom.TryGetInterned(name, out atom))
        {
            return AtomLookup.Found;
        }

        if (_lookup.TryGetValue(name, out var known))
        {
            atom = new Atom(known);
            return AtomLookup.Found;
        }

        // Reserve a slot before adding so concurrent decoders cannot overshoot the capacity.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return AtomLookup.Full;
        }

        var text = name.ToString();
        var utf8Bytes = latin1 ? Encoding.UTF8.GetBytes(text) : bytes.ToArray();
        var added = _atoms.GetOrAdd(text, new AtomName(text, utf8Bytes));
        if (!ReferenceEquals(added.Utf8, utf8Bytes))
        {
            Interlocked.Decrement(ref _count); // another thread added the same name first
        }

        atom = new Atom(added);
        return AtomLookup.Found;
    }
}

/// <summary>The outcome of an <see cref="AtomTable"/> lookup.</summary>
internal enum AtomLookup
{
    Found,
    TooLong,
    InvalidUtf8,
    Full,
}
