using Arbor;

namespace Arbor.Runtime.Tests.Support;

/// <summary>A hand-written typed client, the shape of the generated <c>XxxRef</c> structs.</summary>
internal readonly struct ScriptedRef : IProcessRef<ScriptedRef>
{
    private ScriptedRef(Pid pid) => Pid = pid;

    public Pid Pid { get; }

    public static ScriptedRef FromPid(Pid pid) => new(pid);
}
