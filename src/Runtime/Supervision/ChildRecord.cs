using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// What a supervisor knows about one child: its spec, the arguments it is started with, and its process. The
/// <see cref="ChildTable"/> owns the pid and restarting state so that its pid index never goes stale.
/// </summary>
internal sealed class ChildRecord
{
    public ChildRecord(ChildSpec spec, IReadOnlyList<object?> extraArguments)
    {
        Spec = spec;
        ExtraArguments = extraArguments;
    }

    public ChildSpec Spec { get; }

    public string Id => Spec.Id;

    public bool IsTemporary => Spec.Restart == Restart.Temporary;

    /// <summary>Given to the start function on every start and restart (a dynamic child's extra arguments).</summary>
    public IReadOnlyList<object?> ExtraArguments { get; }

    /// <summary>The running process, or <see cref="Pid.None"/>.</summary>
    public Pid Pid { get; internal set; }

    /// <summary>A restart failed and a retry is queued (OTP <c>{restarting, OldPid}</c>).</summary>
    public bool IsRestarting { get; internal set; }

    /// <summary>How many times the supervisor has started it (the first start included).</summary>
    public int Starts { get; internal set; }

    /// <summary>How many times the supervisor has restarted it (after an exit; a restart by the admin API is not counted).</summary>
    public int Restarts { get; internal set; }

    /// <summary>Its last exit with an abnormal reason, for the introspection API.</summary>
    public Introspection.LastExit? LastExit { get; internal set; }

    /// <summary>Its place in the table's start order.</summary>
    internal LinkedListNode<ChildRecord>? Position { get; set; }

    public ChildState State => IsRestarting ? ChildState.Restarting : Pid.IsNone ? ChildState.NotRunning : ChildState.Running;

    public ChildInfo ToInfo() => new(Id, Pid, State, Spec.Type);

    public Introspection.ChildSnapshot ToSnapshot() => new(Id, Pid, State, Spec.Type, Spec.Restart, Restarts, LastExit, Supervisor: null);

    public override string ToString() => Pid.IsNone ? $"'{Id}'" : $"'{Id}' ({Pid})";
}
