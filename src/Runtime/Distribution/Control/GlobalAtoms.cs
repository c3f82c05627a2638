using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>Atoms of the part of Erlang's <c>global</c> protocol a visible Arbor node answers.</summary>
internal static class GlobalAtoms
{
    /// <summary>The registered name of <c>global</c>'s server on every Erlang node.</summary>
    public static readonly Atom NameServer = Atom.Of("global_name_server");

    /// <summary><c>{init_connect, Vsn, Node, InitMsg}</c>: a new visible peer's <c>global</c> opens its synchronisation.</summary>
    public static readonly Atom InitConnect = Atom.Of("init_connect");

    /// <summary><c>{in_sync, Node, IsKnown}</c>: "consider us synchronised" (what <c>global</c> sends for nodes it has nothing to exchange with).</summary>
    public static readonly Atom InSync = Atom.Of("in_sync");
}
