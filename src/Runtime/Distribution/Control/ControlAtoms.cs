using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>Atoms the control layer matches and writes.</summary>
internal static class ControlAtoms
{
    public static readonly Atom Empty = Atom.Of(string.Empty);
    public static readonly Atom GenCall = Atom.Of("$gen_call");
    public static readonly Atom GenCast = Atom.Of("$gen_cast");
    public static readonly Atom Alias = Atom.Of("alias");
    public static readonly Atom NetKernel = Atom.Of("net_kernel");
    public static readonly Atom IsAuth = Atom.Of("is_auth");
    public static readonly Atom Yes = Atom.Of("yes");
    public static readonly Atom Normal = Atom.Of("normal");
    public static readonly Atom Shutdown = Atom.Of("shutdown");
    public static readonly Atom Kill = Atom.Of("kill");
    public static readonly Atom Killed = Atom.Of("killed");
    public static readonly Atom NoProc = Atom.Of("noproc");
    public static readonly Atom NoConnection = Atom.Of("noconnection");
    public static readonly Atom Exception = Atom.Of("exception");
    public static readonly Atom Nil = Atom.Nil;
}
