namespace Arbor;

/// <summary>
/// A typed handle on a process (the generated <c>XxxRef</c> clients implement it), so the runtime can hand out typed
/// clients, for example from <see cref="ArborNode.Whereis{TRef}(string)"/>.
/// </summary>
/// <typeparam name="TSelf">The implementing client type.</typeparam>
public interface IProcessRef<TSelf>
    where TSelf : struct, IProcessRef<TSelf>
{
    /// <summary>The process behind the client.</summary>
    Pid Pid { get; }

    /// <summary>Wraps <paramref name="pid"/> in a client.</summary>
    static abstract TSelf FromPid(Pid pid);
}
