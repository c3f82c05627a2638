using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;

namespace Arbor.Distribution.Terms;

/// <summary>
/// Writes Erlang's external term format to an <see cref="IBufferWriter{T}"/>. The typed methods write one term (or a
/// compound's header, after which the caller writes its elements) without boxing; <see cref="Write(object?)"/> writes
/// any dynamic term. Nothing is buffered: every call appends to the output immediately. No version byte is written
/// unless <see cref="WriteVersion"/> is called.
/// </summary>
/// <remarks>
/// The encodings are those <c>term_to_binary</c> produces (OTP 26+ defaults): integers as SMALL_INTEGER, INTEGER or
/// SMALL/LARGE_BIG by size, floats as NEW_FLOAT, atoms as (SMALL_)ATOM_UTF8, proper lists of 0..255 integers up to
/// 65535 long as STRING, pids as NEW_PID, references as NEWER_REFERENCE, ports as V4_PORT when the id needs more than
/// 32 bits and NEW_PORT otherwise.
/// </remarks>
public sealed class TermWriter
{
    /// <summary>The deepest nesting <see cref="Write(object?)"/> follows (a guard against cyclic structures).</summary>
    public const int MaxDepth = 1000;

    private readonly IBufferWriter<byte> _output;
    private int _depth;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public TermWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes the version byte 131 that starts a standalone encoded term.</summary>
    public void WriteVersion() => WriteByte((byte)TermTag.Version);

    /// <summary>
    /// Writes a dynamic term: <see cref="Atom"/>; <see cref="bool"/> (atoms true/false); any C# integer and
    /// <see cref="BigInteger"/>; <see cref="double"/>/<see cref="float"/>; <see cref="string"/> (UTF-8 binary, as Elixir
    /// strings); <see cref="byte"/>[] and <see cref="ReadOnlyMemory{T}"/> of bytes (binary); <see langword="null"/>
    /// (the atom <c>nil</c>); and the Erlang term types of this namespace.
    /// </summary>
    /// <exception cref="ArgumentException">A value has no Erlang form (its type is named), a float is not finite, or the
    /// structure nests deeper than <see cref="MaxDepth"/> (a cycle).</exception>
    public void Write(object? term)
    {
        switch (term)
        {
            case null: WriteAtom(Atom.Nil); break;
            case Atom atom: WriteAtom(atom); break;
            case bool b: WriteBoolean(b); break;
            case long l: WriteInteger(l); break;
            case int i: WriteInteger(i); break;
            case byte[] bytes: WriteBinary(bytes); break;
            case string s: WriteString(s); break;
            case double d: WriteFloat(d); break;
            case ErlangTuple tuple: WriteTuple(tuple); break;
            case ErlangList list: WriteList(list); break;
            case ErlangMap map: WriteMap(map); break;
            case ErlangPid pid: WritePid(pid); break;
            case ErlangReference reference: WriteReference(reference); break;
            case BigInteger big: WriteInteger(big); break;
            case short s: WriteInteger(s); break;
            case sbyte sb: WriteInteger(sb); break;
            case byte b: WriteInteger(b); break;
            case ushort us: WriteInteger(us); break;
            case uint ui: WriteInteger(ui); break;
            case ulong ul: WriteInteger(new BigInteger(ul)); break;
            case float f: WriteFloat(f); break;
            case ReadOnlyMemory<byte> memory: WriteBinary(memory.Span); break;
            case ErlangBitBinary bits: WriteBitBinary(bits); break;
            case ErlangPort port: WritePort(port); break;
            case ErlangExport export: WriteExport(export); break;
            case ErlangFun fun: WriteRaw(fun.Encoded.Span); break;
            default:
                throw new ArgumentException($"A value of type {term.GetType().FullName} has no Erlang term form; use Atom, integers, double, string, byte[], bool, or the Erlang* term types.", nameof(term));
        }
    }

    /// <summary>Writes an atom as SMALL_ATOM_UTF8 (or ATOM_UTF8 when its UTF-8 form exceeds 255 bytes).</summary>
    public void WriteAtom(Atom atom)
    {
        var name = atom.Utf8Name;
        if (name.Length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2 + name.Length);
            span[0] = (byte)TermTag.SmallAtomUtf8;
            span[1] = (byte)name.Length;
            name.CopyTo(span[2..]);
            _output.Advance(2 + name.Length);
        }
        else
        {
            var span = _output.GetSpan(3 + name.Length);
            span[0] = (byte)TermTag.AtomUtf8;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)name.Length);
            name.CopyTo(span[3..]);
            _output.Advance(3 + name.Length);
        }
    }

    /// <summary>Writes the atom <c>true</c> or <c>false</c>.</summary>
    public void WriteBoolean(bool value) => WriteAtom(value ? Atom.True : Atom.False);

    /// <summary>Writes the atom <c>nil</c> (Elixir's nil; how a C# null is written).</summary>
    public void WriteNull() => WriteAtom(Atom.Nil);

    /// <summary>Writes an integer in its smallest encoding.</summary>
    public void WriteInteger(long value)
    {
        if ((ulong)value <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)TermTag.SmallInteger;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            var span = _output.GetSpan(5);
            span[0] = (byte)TermTag.Integer;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            // |long.MinValue| does not fit a long; as ulong it does.
            var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
            var length = 8 - (BitOperations.LeadingZeroCount(magnitude) / 8);
            var span = _output.GetSpan(3 + 8);
            span[0] = (byte)TermTag.SmallBig;
            span[1] = (byte)length;
            span[2] = value < 0 ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt64LittleEndian(span[3..], magnitude);
            _output.Advance(3 + length);
        }
    }

    /// <summary>Writes an integer of any size (SMALL_BIG up to 255 bytes of magnitude, LARGE_BIG beyond).</summary>
    public void WriteInteger(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            WriteInteger((long)value);
            return;
        }

        var magnitude = BigInteger.Abs(value);
        var length = magnitude.GetByteCount(isUnsigned: true);
        var header = length <= byte.MaxValue ? 3 : 6;
        var span = _output.GetSpan(header + length);
        if (length <= byte.MaxValue)
        {
            span[0] = (byte)TermTag.SmallBig;
            span[1] = (byte)length;
        }
        else
        {
            span[0] = (byte)TermTag.LargeBig;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        }

        span[header - 1] = value.Sign < 0 ? (byte)1 : (byte)0;
        magnitude.TryWriteBytes(span[header..], out var written, isUnsigned: true, isBigEndian: false);
        _output.Advance(header + written);
    }

    /// <summary>Writes a float as NEW_FLOAT.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite (Erlang floats are finite).</exception>
    public void WriteFloat(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Erlang has no float {value}; only finite floats cross the wire.", nameof(value));
        }

        var span = _output.GetSpan(9);
        span[0] = (byte)TermTag.NewFloat;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>Writes a tuple header; the caller then writes <paramref name="arity"/> elements.</summary>
    public void WriteTupleHeader(int arity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arity);
        if (arity <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)TermTag.SmallTuple;
            span[1] = (byte)arity;
            _output.Advance(2);
        }
        else
        {
            WriteTagAndLength(TermTag.LargeTuple, arity);
        }
    }

    /// <summary>
    /// Writes a list header for <paramref name="count"/> elements; the caller then writes the elements and the tail
    /// (<see cref="WriteNil"/> for a proper list). A count of 0 is not a list header: write <see cref="WriteNil"/> alone.
    /// </summary>
    public void WriteListHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        WriteTagAndLength(TermTag.List, count);
    }

    /// <summary>Writes the empty list <c>[]</c>.</summary>
    public void WriteNil() => WriteByte((byte)TermTag.Nil);

    /// <summary>Writes a map header; the caller then writes <paramref name="count"/> key/value pairs (key first).</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteTagAndLength(TermTag.Map, count);
    }

    /// <summary>Writes a binary.</summary>
    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        WriteTagAndLength(TermTag.Binary, bytes.Length);
        _output.Write(bytes);
    }

    /// <summary>Writes a string as a UTF-8 binary (how Elixir represents strings).</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteTagAndLength(TermTag.Binary, length);
        var span = _output.GetSpan(length);
        _output.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    /// <summary>Writes a list of bytes (an Erlang charlist of Latin-1 characters) in the compact STRING encoding when it
    /// fits (65535 bytes), as a list of small integers otherwise.</summary>
    public void WriteByteList(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            WriteNil();
        }
        else if (bytes.Length <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = (byte)TermTag.String;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)bytes.Length);
            _output.Advance(3);
            _output.Write(bytes);
        }
        else
        {
            WriteListHeader(bytes.Length);
            foreach (var b in bytes)
            {
                WriteInteger(b);
            }

            WriteNil();
        }
    }

    /// <summary>Writes a bitstring (BIT_BINARY; a whole-byte one as a plain binary). Unused low bits are written as 0.</summary>
    public void WriteBitBinary(ErlangBitBinary bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        if (bits.BitsInLastByte == 8)
        {
            WriteBinary(bits.Bytes);
            return;
        }

        var span = _output.GetSpan(6);
        span[0] = (byte)TermTag.BitBinary;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], bits.Bytes.Length);
        span[5] = (byte)bits.BitsInLastByte;
        _output.Advance(6);
        _output.Write(bits.Bytes.AsSpan(0, bits.Bytes.Length - 1));
        WriteByte(bits.MaskedLastByte);
    }

    /// <summary>Writes a pid as NEW_PID.</summary>
    public void WritePid(ErlangPid pid)
    {
        WritePid(pid.Node, pid.Id, pid.Serial, pid.Creation);
    }

    /// <summary>Writes a pid as NEW_PID from its parts, without an <see cref="ErlangPid"/> (the send path's own pids).</summary>
    public void WritePid(Atom node, uint id, uint serial, uint creation)
    {
        WriteByte((byte)TermTag.NewPid);
        WriteAtom(node);
        var span = _output.GetSpan(12);
        BinaryPrimitives.WriteUInt32BigEndian(span, id);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], serial);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], creation);
        _output.Advance(12);
    }

    /// <summary>Writes a reference as NEWER_REFERENCE.</summary>
    /// <exception cref="ArgumentException">The reference has no id words or more than <see cref="ErlangReference.MaxIds"/>.</exception>
    public void WriteReference(ErlangReference reference)
    {
        var ids = reference.Ids ?? [];
        if (ids.Length is 0 or > ErlangReference.MaxIds)
        {
            throw new ArgumentException($"A reference has 1..{ErlangReference.MaxIds} id words, not {ids.Length}.", nameof(reference));
        }

        var head = _output.GetSpan(3);
        head[0] = (byte)TermTag.NewerReference;
        BinaryPrimitives.WriteUInt16BigEndian(head[1..], (ushort)ids.Length);
        _output.Advance(3);
        WriteAtom(reference.Node);
        var span = _output.GetSpan(4 + (4 * ids.Length));
        BinaryPrimitives.WriteUInt32BigEndian(span, reference.Creation);
        for (var i = 0; i < ids.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(4 + (4 * i))..], ids[i]);
        }

        _output.Advance(4 + (4 * ids.Length));
    }

    /// <summary>Writes a port (NEW_PORT, or V4_PORT when the id needs more than 32 bits).</summary>
    public void WritePort(ErlangPort port)
    {
        var wide = port.Id > uint.MaxValue;
        WriteByte(wide ? (byte)TermTag.V4Port : (byte)TermTag.NewPort);
        WriteAtom(port.Node);
        var span = _output.GetSpan(12);
        int length;
        if (wide)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, port.Id);
            BinaryPrimitives.WriteUInt32BigEndian(span[8..], port.Creation);
            length = 12;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)port.Id);
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], port.Creation);
            length = 8;
        }

        _output.Advance(length);
    }

    /// <summary>Writes an external fun <c>fun M:F/A</c>.</summary>
    public void WriteExport(ErlangExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        WriteByte((byte)TermTag.Export);
        WriteAtom(export.Module);
        WriteAtom(export.Function);
        WriteInteger(export.Arity);
    }

    /// <summary>Writes a tuple and its elements.</summary>
    public void WriteTuple(ErlangTuple tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        WriteTupleHeader(tuple.Count);
        Enter();
        try
        {
            foreach (var element in tuple.AsSpan())
            {
                Write(element);
            }
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Writes a list: as STRING when it is a proper list of 0..255 integers that fits, else LIST (or NIL).</summary>
    public void WriteList(ErlangList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count == 0)
        {
            if (list.Tail is null)
            {
                WriteNil();
            }
            else
            {
                Write(list.Tail);
            }

            return;
        }

        if (list.Tail is null && list.Count <= ushort.MaxValue && IsByteList(list))
        {
            if (list.TryGetBytesCheap(out var bytes))
            {
                WriteByteList(bytes);
                return;
            }

            var span = _output.GetSpan(3 + list.Count);
            span[0] = (byte)TermTag.String;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                TermValues.TryGetByte(list.Elements[i], out span[3 + i]);
            }

            _output.Advance(3 + list.Count);
            return;
        }

        WriteListHeader(list.Count);
        Enter();
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                Write(list.Elements[i]);
            }

            if (list.Tail is null)
            {
                WriteNil();
            }
            else
            {
                Write(list.Tail);
            }
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Writes a map and its pairs.</summary>
    public void WriteMap(ErlangMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        WriteMapHeader(map.Count);
        Enter();
        try
        {
            foreach (var pair in map.PairSpan)
            {
                Write(pair.Key);
                Write(pair.Value);
            }
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Writes bytes that already are an encoded term (e.g. one kept from a reader), unchanged.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encodedTerm) => _output.Write(encodedTerm);

    private static bool IsByteList(ErlangList list)
    {
        if (list.TryGetBytesCheap(out _))
        {
            return true;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!TermValues.TryGetByte(list.Elements[i], out _))
            {
                return false;
            }
        }

        return true;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new ArgumentException($"The term nests deeper than {MaxDepth} levels; a structure that contains itself cannot be written.");
        }
    }

    private void WriteTagAndLength(TermTag tag, int length)
    {
        var span = _output.GetSpan(5);
        span[0] = (byte)tag;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        _output.Advance(5);
    }

    private void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }
}
