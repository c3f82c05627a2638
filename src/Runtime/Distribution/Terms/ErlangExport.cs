namespace Arbor.Distribution.Terms;

/// <summary>An external fun <c>fun Module:Function/Arity</c> (EXPORT_EXT). .NET cannot call it; it round-trips.</summary>
/// <param name="Module">The module.</param>
/// <param name="Function">The function.</param>
/// <param name="Arity">The arity (0..255).</param>
public sealed record ErlangExport(Atom Module, Atom Function, byte Arity)
{
    /// <summary>The fun in Erlang syntax.</summary>
    public override string ToString() => $"fun {Module}:{Function}/{Arity}";
}
