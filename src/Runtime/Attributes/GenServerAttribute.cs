using System;

namespace Arbor;

/// <summary>
/// Marks a <c>partial</c> class as a GenServer. The Arbor source generator makes the class derive from
/// <see cref="GenServer"/> and writes its mailbox dispatch, a typed client (<c>XxxRef</c> / <c>IXxxClient</c>),
/// start helpers and a supervisor child spec.
/// </summary>
/// <remarks>The public constructor is the init callback: it runs inside the new process and its parameters are the start arguments.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GenServerAttribute : Attribute
{
    /// <summary>
    /// Makes the server reachable from other nodes (Arbor or Erlang/Elixir): the generator also writes Erlang term codecs
    /// for its calls, casts and replies (<c>Add(int by)</c> is <c>{add, By}</c>, <c>Get()</c> is <c>get</c>; see
    /// docs/distribution-terms.md) and reports every parameter or reply type that has no Erlang term form. Servers
    /// without it are local only and may use any .NET type.
    /// </summary>
    public bool Remote { get; set; }

    /// <summary>
    /// Runs every call, cast, info and continue handler of this server on the node's dirty schedulers (a few dedicated
    /// threads) instead of the scheduler threads ordinary processes share: for a server whose work is long CPU-bound
    /// or blocking, as the BEAM's dirty schedulers. Init and terminate run as usual. See <see cref="CallAttribute.Dirty"/>.
    /// </summary>
    public bool Dirty { get; set; }
}
