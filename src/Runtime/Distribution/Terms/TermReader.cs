using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Arbor.Distribution.Terms;

/// <summary>
/// Reads Erlang's external term format from a span. Every byte is treated as hostile: each length is checked against the
/// bytes that remain before anything is allocated for it, nesting, element count, term size, bignum size and atoms are
/// bounded by <see cref="TermReaderLimits"/>, new atoms go through a bounded <see cref="AtomTable"/>, and any malformed,
/// truncated or refused input throws a <see cref="TermFormatException"/> with the offset — never another exception.
/// </summary>
/// <remarks>
/// <para>Decoded values: integers are <see cref="long"/> (or <see cref="BigInteger"/> when they do not fit); floats
/// <see cref="double"/>; the atoms <c>true</c>/<c>false</c> <see cref="bool"/>, other atoms <see cref="Atom"/>; binaries
/// <see cref="byte"/>[]; bitstrings <see cref="ErlangBitBinary"/>; tuples <see cref="ErlangTuple"/>; lists (including
/// <c>[]</c> and Erlang's compact string encoding) <see cref="ErlangList"/>; maps <see cref="ErlangMap"/>; pids, references
/// and ports <see cref="ErlangPid"/>, <see cref="ErlangReference"/>, <see cref="ErlangPort"/>; funs <see cref="ErlangFun"/>
/// and <see cref="ErlangExport"/>.</para>
/// <para><see cref="ReadTerm"/> reads one term and leaves <see cref="Position"/> after it, so consecutive terms (a
/// distribution control message and its payload) are consecutive calls. The reader does not expect a version byte;
/// call <see cref="TryReadVersion"/> first where one may be present.</para>
/// </remarks>
public ref struct TermReader
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private readonly ReadOnlySpan<byte> _input;
    private readonly AtomTable _atoms;
    private readonly TermReaderLimits _limits;
    private int _position;
    private int _end;
    private int _depth;
    private int _elementsLeft;
    private int _atomsLeft;

    /// <summary>Creates a reader over <paramref name="input"/> that interns atoms in <paramref name="atoms"/>.</summary>
    /// <param name="input">The encoded terms.</param>
    /// <param name="atoms">The node's bounded atom table.</param>
    /// <param name="limits">The bounds to enforce; <see cref="TermReaderLimits.Default"/> when null.</param>
    public TermReader(ReadOnlySpan<byte> input, AtomTable atoms, TermReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        _input = input;
        _atoms = atoms;
        _limits = limits ?? TermReaderLimits.Default;
        _limits.Validate();
        _end = input.Length;
        _elementsLeft = _limits.MaxElements;
        _atomsLeft = _limits.MaxAtoms;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>How many bytes remain after <see cref="Position"/>.</summary>
    public readonly int Remaining => _input.Length - _position;

    /// <summary>Consumes the version byte (131) when it is next; returns whether it was.</summary>
    public bool TryReadVersion()
    {
        if (_position < _input.Length && _input[_position] == (byte)TermTag.Version)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>The tag of the next term, without consuming it.</summary>
    /// <exception cref="TermFormatException">No bytes remain.</exception>
    public readonly TermTag PeekTag()
    {
        if (_position >= _input.Length)
        {
            throw new TermFormatException("expected a term, found the end of the input", _position);
        }

        return (TermTag)_input[_position];
    }

    /// <summary>Reads one complete term (see the remarks for the C# types of the values).</summary>
    /// <exception cref="TermFormatException">The input is malformed, truncated, or exceeds a limit.</exception>
    public object ReadTerm()
    {
        _elementsLeft = _limits.MaxElements;
        _atomsLeft = _limits.MaxAtoms;
        _depth = 0;
        _end = _input.Length - _position > _limits.MaxTermBytes ? _position + _limits.MaxTermBytes : _input.Length;
        var term = ReadValue();
        _end = _input.Length;
        return term;
    }

    /// <summary>Reads an atom (including <c>true</c>/<c>false</c>, returned as atoms here).</summary>
    /// <exception cref="TermFormatException">The next term is not an atom, or is invalid.</exception>
    public Atom ReadAtom() => ReadAtomTerm("an atom");

    /// <summary>Reads an integer that fits a <see cref="long"/>.</summary>
    /// <exception cref="TermFormatException">The next term is not such an integer.</exception>
    public long ReadInt64()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        switch (tag)
        {
            case TermTag.SmallInteger: return ReadByte();
            case TermTag.Integer: return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case TermTag.SmallBig:
            case TermTag.LargeBig:
                var length = tag == TermTag.SmallBig ? ReadByte() : ReadLength();
                if (ReadBig(length, offset) is long value)
                {
                    return value;
                }

                throw new TermFormatException("the integer does not fit 64 bits", offset);
            default:
                throw Unexpected(tag, "an integer", offset);
        }
    }

    /// <summary>Reads a tuple header and returns its arity; the caller then reads the elements.</summary>
    /// <exception cref="TermFormatException">The next term is not a tuple, or its arity exceeds the input.</exception>
    public int ReadTupleHeader()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        var arity = tag switch
        {
            TermTag.SmallTuple => ReadByte(),
            TermTag.LargeTuple => ReadLength(),
            _ => throw Unexpected(tag, "a tuple", offset),
        };
        CheckCount(arity, 1, offset, "tuple arity");
        return arity;
    }

    /// <summary>Reads a binary and returns its bytes as a slice of the input (no copy).</summary>
    /// <exception cref="TermFormatException">The next term is not a binary, or is truncated.</exception>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        if (tag != TermTag.Binary)
        {
            throw Unexpected(tag, "a binary", offset);
        }

        return Take(ReadLength());
    }

    /// <summary>Reads a pid (NEW_PID or PID).</summary>
    /// <exception cref="TermFormatException">The next term is not a pid, or is invalid.</exception>
    public ErlangPid ReadPid()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        return tag is TermTag.NewPid or TermTag.Pid ? ReadPidBody(tag) : throw Unexpected(tag, "a pid", offset);
    }

    /// <summary>Reads a reference (NEWER_REFERENCE, NEW_REFERENCE or REFERENCE).</summary>
    /// <exception cref="TermFormatException">The next term is not a reference, or is invalid.</exception>
    public ErlangReference ReadReference()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        return tag is TermTag.NewerReference or TermTag.NewReference or TermTag.Reference
            ? ReadReferenceBody(tag, offset)
            : throw Unexpected(tag, "a reference", offset);
    }

    private object ReadValue()
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        switch (tag)
        {
            case TermTag.SmallInteger: return TermValues.BoxedSmall(ReadByte());
            case TermTag.Integer: return TermValues.Box(BinaryPrimitives.ReadInt32BigEndian(Take(4)));
            case TermTag.SmallBig: return ReadBig(ReadByte(), offset);
            case TermTag.LargeBig: return ReadBig(ReadLength(), offset);
            case TermTag.NewFloat: return ReadNewFloat(offset);
            case TermTag.Float: return ReadOldFloat(offset);
            case TermTag.SmallAtomUtf8:
            case TermTag.AtomUtf8:
            case TermTag.SmallAtom:
            case TermTag.Atom:
                var atom = ReadAtomBody(tag, offset);
                return atom == Atom.True ? BoxedTrue : atom == Atom.False ? BoxedFalse : atom.Boxed;
            case TermTag.SmallTuple: return ReadTupleBody(ReadByte(), offset);
            case TermTag.LargeTuple: return ReadTupleBody(ReadLength(), offset);
            case TermTag.Nil: return ErlangList.Empty;
            case TermTag.String: return ReadStringBody(offset);
            case TermTag.List: return ReadListBody(offset);
            case TermTag.Binary: return Take(ReadLength()).ToArray();
            case TermTag.BitBinary: return ReadBitBinaryBody(offset);
            case TermTag.Map: return ReadMapBody(offset);
            case TermTag.NewPid:
            case TermTag.Pid:
                return ReadPidBody(tag);
            case TermTag.NewerReference:
            case TermTag.NewReference:
            case TermTag.Reference:
                return ReadReferenceBody(tag, offset);
            case TermTag.V4Port:
            case TermTag.NewPort:
            case TermTag.Port:
                return ReadPortBody(tag);
            case TermTag.Export: return ReadExportBody(offset);
            case TermTag.NewFun: return ReadFunBody(offset);
            case TermTag.AtomCacheRef:
                throw new TermFormatException("ATOM_CACHE_REF (82) is only valid with a distribution header's atom cache, which this reader does not use", offset);
            case TermTag.Local:
                throw new TermFormatException("LOCAL_EXT (121) is a node-local encoding that only the node which produced it can decode", offset);
            case TermTag.Compressed:
                throw new TermFormatException("compressed terms (tag 80) are not accepted", offset);
            case TermTag.Fun:
                throw new TermFormatException("FUN_EXT (117) is the pre-R8 fun encoding, which OTP no longer supports", offset);
            case TermTag.Version:
                throw new TermFormatException("a version byte (131) where a term was expected", offset);
            default:
                throw new TermFormatException($"unknown tag {(byte)tag}", offset);
        }
    }

    private object ReadBig(int length, int offset)
    {
        if (length > _limits.MaxBigIntegerBytes)
        {
            throw new TermFormatException($"a bignum of {length} bytes exceeds MaxBigIntegerBytes ({_limits.MaxBigIntegerBytes})", offset);
        }

        var sign = ReadByte();
        if (sign > 1)
        {
            throw new TermFormatException($"bignum sign byte is {sign}, not 0 or 1", offset);
        }

        var digits = Take(length);
        var significant = digits.Length;
        while (significant > 0 && digits[significant - 1] == 0)
        {
            significant--;
        }

        if (significant <= 8)
        {
            ulong magnitude = 0;
            for (var i = significant - 1; i >= 0; i--)
            {
                magnitude = (magnitude << 8) | digits[i];
            }

            if (sign == 0 && magnitude <= long.MaxValue)
            {
                return TermValues.Box((long)magnitude);
            }

            if (sign == 1 && magnitude <= (ulong)long.MaxValue + 1)
            {
                return magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            }
        }

        var value = new BigInteger(digits[..significant], isUnsigned: true, isBigEndian: false);
        return sign == 1 ? -value : value;
    }

    private double ReadNewFloat(int offset)
    {
        var value = BinaryPrimitives.ReadDoubleBigEndian(Take(8));
        return double.IsFinite(value) ? value : throw new TermFormatException("a float that is NaN or infinite (Erlang floats are finite)", offset);
    }

    private double ReadOldFloat(int offset)
    {
        var text = Take(31);
        var length = text.IndexOf((byte)0);
        if (length >= 0)
        {
            text = text[..length];
        }

        foreach (var c in text)
        {
            if (!(c is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-' or (byte)' '))
            {
                throw new TermFormatException("FLOAT_EXT text contains a character that is not part of a number", offset);
            }
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new TermFormatException("FLOAT_EXT text is not a finite number", offset);
        }

        return value;
    }

    private Atom ReadAtomTerm(string expected)
    {
        var offset = _position;
        var tag = (TermTag)ReadByte();
        return tag is TermTag.SmallAtomUtf8 or TermTag.AtomUtf8 or TermTag.SmallAtom or TermTag.Atom
            ? ReadAtomBody(tag, offset)
            : throw Unexpected(tag, expected, offset);
    }

    private Atom ReadAtomBody(TermTag tag, int offset)
    {
        int length = tag is TermTag.SmallAtomUtf8 or TermTag.SmallAtom ? ReadByte() : ReadUInt16();
        var bytes = Take(length);
        if (--_atomsLeft < 0)
        {
            throw new TermFormatException($"the term has more than MaxAtoms ({_limits.MaxAtoms}) atoms", offset);
        }

        var latin1 = tag is TermTag.SmallAtom or TermTag.Atom;
        return _atoms.TryGet(bytes, latin1, out var atom) switch
        {
            AtomLookup.Found => atom,
            AtomLookup.TooLong => throw new TermFormatException($"an atom longer than {Atom.MaxLength} characters", offset),
            AtomLookup.InvalidUtf8 => throw new TermFormatException("an atom that is not valid UTF-8", offset),
            _ => throw new TermFormatException($"the atom table is full ({_atoms.Capacity} atoms); a new atom was refused", offset),
        };
    }

    private ErlangTuple ReadTupleBody(int arity, int offset)
    {
        CheckCount(arity, 1, offset, "tuple arity");
        if (arity == 0)
        {
            return ErlangTuple.Empty;
        }

        ConsumeElements(arity, offset);
        Enter(offset);
        var elements = new object[arity];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = ReadValue();
        }

        _depth--;
        return new ErlangTuple(elements);
    }

    private ErlangList ReadStringBody(int offset)
    {
        var length = ReadUInt16();
        var bytes = Take(length);
        ConsumeElements(length, offset);
        return ErlangList.FromBytes(bytes.ToArray());
    }

    private ErlangList ReadListBody(int offset)
    {
        var count = ReadLength();

        // Each element takes at least one byte, and the tail one more.
        CheckCount(count, 1, offset, "list length", reserve: 1);
        ConsumeElements(count, offset);
        Enter(offset);
        var elements = new object[count];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = ReadValue();
        }

        var tail = ReadValue();
        _depth--;
        return count == 0 && tail is ErlangList ? (ErlangList)tail : new ErlangList(elements, tail);
    }

    private ErlangMap ReadMapBody(int offset)
    {
        var count = ReadLength();

        // Each pair takes at least two bytes.
        CheckCount(count, 2, offset, "map size");
        if (count == 0)
        {
            return ErlangMap.Empty;
        }

        ConsumeElements(2L * count, offset);
        Enter(offset);
        var pairs = new KeyValuePair<object, object>[count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var key = ReadValue();
            pairs[i] = new KeyValuePair<object, object>(key, ReadValue());
        }

        _depth--;
        return ErlangMap.TryCreate(pairs, out var duplicate)
            ?? throw new TermFormatException($"map key {TermFormatter.Format(pairs[duplicate].Key)} appears twice", offset);
    }

    private object ReadBitBinaryBody(int offset)
    {
        var length = ReadLength();
        var bits = ReadByte();
        if (bits is 0 or > 8)
        {
            throw new TermFormatException($"BIT_BINARY uses {bits} bits of its last byte, not 1..8", offset);
        }

        if (length == 0)
        {
            throw new TermFormatException("BIT_BINARY with no bytes (an empty bitstring is an empty BINARY)", offset);
        }

        var bytes = Take(length).ToArray();
        if (bits == 8)
        {
            return bytes;
        }

        bytes[^1] &= (byte)(0xFF << (8 - bits));
        return new ErlangBitBinary(bytes, bits);
    }

    private ErlangPid ReadPidBody(TermTag tag)
    {
        var node = ReadAtomTerm("the pid's node atom");
        var id = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        var serial = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        uint creation = tag == TermTag.NewPid ? BinaryPrimitives.ReadUInt32BigEndian(Take(4)) : ReadByte();
        return new ErlangPid(node, id, serial, creation);
    }

    private ErlangReference ReadReferenceBody(TermTag tag, int offset)
    {
        if (tag == TermTag.Reference)
        {
            var oldNode = ReadAtomTerm("the reference's node atom");
            var id = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            return new ErlangReference(oldNode, ReadByte(), [id]);
        }

        var count = ReadUInt16();
        if (count is 0 or > ErlangReference.MaxIds)
        {
            throw new TermFormatException($"a reference with {count} id words (1..{ErlangReference.MaxIds} allowed)", offset);
        }

        var node = ReadAtomTerm("the reference's node atom");
        uint creation = tag == TermTag.NewerReference ? BinaryPrimitives.ReadUInt32BigEndian(Take(4)) : ReadByte();
        var words = Take(4 * count);
        var ids = new uint[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt32BigEndian(words[(4 * i)..]);
        }

        return new ErlangReference(node, creation, ids);
    }

    private ErlangPort ReadPortBody(TermTag tag)
    {
        var node = ReadAtomTerm("the port's node atom");
        ulong id = tag == TermTag.V4Port ? BinaryPrimitives.ReadUInt64BigEndian(Take(8)) : BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        uint creation = tag == TermTag.Port ? ReadByte() : BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        return new ErlangPort(node, id, creation);
    }

    private ErlangExport ReadExportBody(int offset)
    {
        var module = ReadAtomTerm("the export's module atom");
        var function = ReadAtomTerm("the export's function atom");
        var arityOffset = _position;
        var tag = (TermTag)ReadByte();
        if (tag != TermTag.SmallInteger)
        {
            throw Unexpected(tag, "the export's arity (a small integer)", arityOffset);
        }

        _ = offset;
        return new ErlangExport(module, function, ReadByte());
    }

    private ErlangFun ReadFunBody(int offset)
    {
        // Size counts itself and everything after it up to the end of the free variables.
        const int FixedPart = 4 + 1 + 16 + 4 + 4;
        var size = ReadLength();
        if (size < FixedPart)
        {
            throw new TermFormatException($"NEW_FUN size {size} is smaller than its fixed fields ({FixedPart} bytes)", offset);
        }

        var bodyStart = _position;
        var funEnd = bodyStart - 4 + size;
        if ((long)size - 4 > _end - bodyStart)
        {
            throw Truncated(size - 4, offset);
        }

        var outerEnd = _end;
        _end = funEnd;
        var arity = ReadByte();
        Take(16 + 4);
        var freeCount = ReadLength();
        var module = ReadAtomTerm("the fun's module atom");
        if (!IsIntegerTerm(ReadValue()) || !IsIntegerTerm(ReadValue()))
        {
            throw new TermFormatException("NEW_FUN's old index and old uniq must be integers", offset);
        }

        if (ReadValue() is not ErlangPid)
        {
            throw new TermFormatException("NEW_FUN's creator must be a pid", offset);
        }

        CheckCount(freeCount, 1, offset, "fun free variable count");
        ConsumeElements(freeCount, offset);
        Enter(offset);
        for (var i = 0; i < freeCount; i++)
        {
            ReadValue();
        }

        _depth--;
        if (_position != funEnd)
        {
            throw new TermFormatException($"NEW_FUN size says {size} bytes but its fields take {_position - bodyStart + 4}", offset);
        }

        _end = outerEnd;
        return new ErlangFun(module, arity, freeCount, _input[offset..funEnd].ToArray());
    }

    private static bool IsIntegerTerm(object term) => term is long or BigInteger;

    private void Enter(int offset)
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw new TermFormatException($"the term nests deeper than MaxDepth ({_limits.MaxDepth})", offset);
        }
    }

    private void ConsumeElements(long count, int offset)
    {
        if (count > _elementsLeft)
        {
            throw new TermFormatException($"the term has more than MaxElements ({_limits.MaxElements}) elements", offset);
        }

        _elementsLeft -= (int)count;
    }

    /// <summary>Refuses a count whose elements (each at least <paramref name="minBytes"/>) cannot fit the remaining input.</summary>
    private readonly void CheckCount(int count, int minBytes, int offset, string what, int reserve = 0)
    {
        if ((long)count * minBytes + reserve > _end - _position)
        {
            throw new TermFormatException($"{what} {count} exceeds the {_end - _position} bytes that remain", offset);
        }
    }

    private byte ReadByte()
    {
        if (_position >= _end)
        {
            throw Truncated(1, _position);
        }

        return _input[_position++];
    }

    private ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    /// <summary>A 32-bit length; lengths above <see cref="int.MaxValue"/> cannot fit any input and are refused here.</summary>
    private int ReadLength()
    {
        var offset = _position;
        var length = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        return length <= int.MaxValue ? (int)length : throw new TermFormatException($"length {length} exceeds the input", offset);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _end - _position)
        {
            throw Truncated(count, _position);
        }

        var span = _input.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly TermFormatException Truncated(int needed, int offset) =>
        _end < _input.Length && needed > _end - _position && _input.Length - _position >= needed
            ? new TermFormatException($"the term is longer than allowed (MaxTermBytes {_limits.MaxTermBytes}, or the enclosing fun's size)", offset)
            : new TermFormatException($"truncated: {needed} more bytes needed, {_end - _position} remain", offset);

    private static TermFormatException Unexpected(TermTag tag, string expected, int offset) =>
        new($"expected {expected}, found tag {(byte)tag}", offset);
}
