using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>Atoms of spawn requests and replies: the options understood, and the error results a SPAWN_REPLY carries.</summary>
internal static class SpawnAtoms
{
    /// <summary>The function a remote start names: <c>{Name, start, Arity}</c>.</summary>
    public static readonly Atom Start = Atom.Of("start");
    public static readonly Atom Link = Atom.Of("link");
    public static readonly Atom Monitor = Atom.Of("monitor");

    /// <summary>The name is not startable here, or the function or arity does not match (nothing was started).</summary>
    public static readonly Atom BadArg = Atom.Of("badarg");

    /// <summary>An option this node does not understand (OTP's own answer to a bad option).</summary>
    public static readonly Atom BadOpt = Atom.Of("badopt");

    /// <summary>Init returned ignore: no process runs.</summary>
    public static readonly Atom Ignore = Atom.Of("ignore");

    /// <summary>The name the server registers under is taken on the starting node.</summary>
    public static readonly Atom AlreadyStarted = Atom.Of("already_started");

    /// <summary>Init failed (its crash report is logged on the starting node; a reply carries only an atom).</summary>
    public static readonly Atom InitFailed = Atom.Of("init_failed");

    /// <summary>The exit reason a started process gets when its requester gave up before the reply arrived (OTP's spawn_request_abandon).</summary>
    public static readonly Atom Abandoned = Atom.Of("abandoned");

    /// <summary>Timeout waiting for the reply.</summary>
    public static readonly Atom Timeout = Atom.Of("timeout");

    /// <summary>Process tuning options of <c>spawn_opt</c> that have no meaning for a .NET process; accepted and ignored.</summary>
    public static readonly Atom[] IgnoredTuning =
    [
        Atom.Of("priority"), Atom.Of("fullsweep_after"), Atom.Of("min_heap_size"), Atom.Of("min_bin_vheap_size"),
        Atom.Of("max_heap_size"), Atom.Of("message_queue_data"), Atom.Of("async_dist"),
    ];
}
