namespace Arbor;

/// <summary>How <see cref="SupervisorRef.RestartChildAsync"/> ended (OTP <c>restart_child</c> results).</summary>
public enum RestartChildStatus
{
    /// <summary>The child runs again (OTP <c>{ok, Pid}</c>).</summary>
    Restarted,

    /// <summary>Its start returned ignore; the spec is kept, not running (OTP <c>{ok, undefined}</c>).</summary>
    Ignored,

    /// <summary>The child is running; nothing was done (OTP <c>{error, running}</c>).</summary>
    Running,

    /// <summary>The supervisor is retrying a failed restart of it (OTP <c>{error, restarting}</c>).</summary>
    Restarting,

    /// <summary>No child has that id (OTP <c>{error, not_found}</c>).</summary>
    NotFound,

    /// <summary>Its start failed; <see cref="RestartChildResult.Reason"/> says why and it stays not running (OTP <c>{error, Reason}</c>).</summary>
    Failed,

    /// <summary>
    /// The supervisor is a dynamic one: its children have no ids to address and are never restarted by request; start a
    /// new child with <see cref="DynamicSupervisorRef.StartChildAsync(ChildSpec, System.TimeSpan?, System.Threading.CancellationToken)"/>
    /// (OTP <c>{error, simple_one_for_one}</c>).
    /// </summary>
    DynamicSupervisor,
}

/// <summary>The outcome of <see cref="SupervisorRef.RestartChildAsync"/>.</summary>
public readonly struct RestartChildResult
{
    private RestartChildResult(RestartChildStatus status, Pid pid, ExitReason? reason)
    {
        Status = status;
        Pid = pid;
        Reason = reason;
    }

    /// <summary>How the restart ended.</summary>
    public RestartChildStatus Status { get; }

    /// <summary>The new process (<see cref="RestartChildStatus.Restarted"/>); otherwise <see cref="Pid.None"/>.</summary>
    public Pid Pid { get; }

    /// <summary>Why the start failed (<see cref="RestartChildStatus.Failed"/>).</summary>
    public ExitReason? Reason { get; }

    internal static RestartChildResult Restarted(Pid pid) => new(RestartChildStatus.Restarted, pid, null);

    internal static RestartChildResult Of(RestartChildStatus status) => new(status, Pid.None, null);

    internal static RestartChildResult Failed(ExitReason reason) => new(RestartChildStatus.Failed, Pid.None, reason);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        RestartChildStatus.Restarted => $"restarted {Pid}",
        RestartChildStatus.Failed => $"failed: {Reason}",
        _ => Status.ToString(),
    };
}
