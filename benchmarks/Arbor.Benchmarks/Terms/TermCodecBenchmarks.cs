using System.Buffers;
using System.Collections.Generic;
using Arbor.Distribution.Terms;
using BenchmarkDotNet.Attributes;

namespace Arbor.Benchmarks.Terms;

/// <summary>
/// The external term codec on the shapes remote messaging sends most: a <c>gen_server</c> call
/// <c>{'$gen_call', {Pid, Ref}, {add, 5}}</c> (typed writer and dynamic <see cref="TermWriter.Write(object?)"/>), its
/// decode, and a record-like map with a 1 KiB binary. Allocation is reported: the typed encode path should allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class TermCodecBenchmarks
{
    private static readonly Atom GenCall = Atom.Of("$gen_call");
    private static readonly Atom Add = Atom.Of("add");
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly AtomTable _atoms = new(AtomTable.DefaultCapacity);
    private TermWriter _writer = null!;
    private ErlangPid _pid;
    private ErlangReference _reference;
    private object _callTerm = null!;
    private object _mapTerm = null!;
    private byte[] _encodedCall = null!;
    private byte[] _encodedMap = null!;

    [GlobalSetup]
    public void Setup()
    {
        // One writer per output, reused, as a connection would hold it.
        _writer = new TermWriter(_buffer);
        _pid = new ErlangPid(Atom.Of("client@host"), 42, 0, 3);
        _reference = new ErlangReference(Atom.Of("client@host"), 3, [1, 2, 3]);
        _callTerm = new ErlangTuple(GenCall, new ErlangTuple(_pid, _reference), new ErlangTuple(Add, 5L));
        _mapTerm = new ErlangMap(
        [
            new KeyValuePair<object, object>(Atom.Of("name"), "a name"u8.ToArray()),
            new KeyValuePair<object, object>(Atom.Of("count"), 123456789L),
            new KeyValuePair<object, object>(Atom.Of("tags"), new ErlangList([Atom.Of("x"), Atom.Of("y")])),
            new KeyValuePair<object, object>(Atom.Of("blob"), new byte[1024]),
        ]);
        _encodedCall = Encode(_callTerm);
        _encodedMap = Encode(_mapTerm);
    }

    [Benchmark(Baseline = true)]
    public int EncodeCallTyped()
    {
        _buffer.ResetWrittenCount();
        var writer = _writer;
        writer.WriteTupleHeader(3);
        writer.WriteAtom(GenCall);
        writer.WriteTupleHeader(2);
        writer.WritePid(_pid);
        writer.WriteReference(_reference);
        writer.WriteTupleHeader(2);
        writer.WriteAtom(Add);
        writer.WriteInteger(5);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int EncodeCallDynamic()
    {
        _buffer.ResetWrittenCount();
        _writer.Write(_callTerm);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public object DecodeCall() => new TermReader(_encodedCall, _atoms).ReadTerm();

    [Benchmark]
    public int EncodeMap()
    {
        _buffer.ResetWrittenCount();
        _writer.Write(_mapTerm);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public object DecodeMap() => new TermReader(_encodedMap, _atoms).ReadTerm();

    private static byte[] Encode(object term)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new TermWriter(buffer).Write(term);
        return buffer.WrittenSpan.ToArray();
    }
}
