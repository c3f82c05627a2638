using Arbor.Protocol;

namespace Arbor.Cluster.GlobalNames;

/// <summary>Register a local process under a global name; answers null on success or the current holder.</summary>
internal sealed class RegisterGlobalCall(string name, Pid pid) : CallMessage<GlobalRegistration?>
{
    public string Name { get; } = name;

    public Pid Pid { get; } = pid;

    public override string ToString() => $"global_register({Name})";
}

/// <summary>Remove a global name held by a process of this node; false when it is not held here.</summary>
internal sealed class UnregisterGlobalCall(string name) : CallMessage<bool>
{
    public string Name { get; } = name;

    public override string ToString() => $"global_unregister({Name})";
}

/// <summary>A claim round ran out of time: members that did not answer are counted as agreeing.</summary>
internal sealed record ClaimTimedOut(long Reference);
