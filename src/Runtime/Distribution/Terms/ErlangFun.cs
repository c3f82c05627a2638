using System;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang closure (NEW_FUN_EXT). .NET cannot run it; the reader checks its structure and keeps the whole encoding so
/// it can be sent back unchanged. Equality compares the encoding.
/// </summary>
public sealed class ErlangFun : IEquatable<ErlangFun>
{
    internal ErlangFun(Atom module, byte arity, int freeVariables, byte[] encoded)
    {
        Module = module;
        Arity = arity;
        FreeVariableCount = freeVariables;
        Encoded = encoded;
    }

    /// <summary>The module that defines the fun.</summary>
    public Atom Module { get; }

    /// <summary>The fun's arity.</summary>
    public byte Arity { get; }

    /// <summary>How many variables the closure captured.</summary>
    public int FreeVariableCount { get; }

    /// <summary>The term's encoding, from its tag byte on (without a version byte).</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <inheritdoc />
    public bool Equals(ErlangFun? other) => other is not null && Encoded.Span.SequenceEqual(other.Encoded.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErlangFun other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Encoded.Span);
        return hash.ToHashCode();
    }

    /// <summary>The fun as <c>#Fun&lt;module/arity&gt;</c>.</summary>
    public override string ToString() => $"#Fun<{Module}/{Arity}>";
}
