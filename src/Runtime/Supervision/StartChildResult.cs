namespace Arbor;

/// <summary>How <c>StartChildAsync</c> ended (OTP <c>start_child</c> results).</summary>
public enum StartChildStatus
{
    /// <summary>The child runs (OTP <c>{ok, Pid}</c>).</summary>
    Started,

    /// <summary>Its start returned ignore; a static supervisor keeps the spec unless the child is temporary (OTP <c>{ok, undefined}</c>).</summary>
    Ignored,

    /// <summary>
    /// A child with that id is already running, or the child's name is held by another process; <see cref="StartChildResult.Pid"/>
    /// is that process (OTP <c>{error, {already_started, Pid}}</c>).
    /// </summary>
    AlreadyStarted,

    /// <summary>A child with that id is known but not running; use <c>RestartChildAsync</c> or <c>DeleteChildAsync</c> (OTP <c>{error, already_present}</c>).</summary>
    AlreadyPresent,

    /// <summary>Its start failed; <see cref="StartChildResult.Reason"/> says why and nothing is kept (OTP <c>{error, Reason}</c>).</summary>
    Failed,

    /// <summary>A dynamic supervisor already has its maximum number of children (Elixir <c>{:error, :max_children}</c>).</summary>
    MaxChildren,
}

/// <summary>The outcome of starting a child through a supervisor: a value, not an exception, as the OTP answers are normal answers.</summary>
public readonly struct StartChildResult
{
    private StartChildResult(StartChildStatus status, Pid pid, ExitReason? reason)
    {
        Status = status;
        Pid = pid;
        Reason = reason;
    }

    /// <summary>How the start ended.</summary>
    public StartChildStatus Status { get; }

    /// <summary>The child's process (<see cref="StartChildStatus.Started"/>) or the one already running (<see cref="StartChildStatus.AlreadyStarted"/>); otherwise <see cref="Pid.None"/>.</summary>
    public Pid Pid { get; }

    /// <summary>Why the start failed (<see cref="StartChildStatus.Failed"/>).</summary>
    public ExitReason? Reason { get; }

    /// <summary>True for <see cref="StartChildStatus.Started"/>.</summary>
    public bool IsStarted => Status == StartChildStatus.Started;

    internal static StartChildResult Started(Pid pid) => new(StartChildStatus.Started, pid, null);

    internal static StartChildResult Ignored() => new(StartChildStatus.Ignored, Pid.None, null);

    internal static StartChildResult AlreadyStarted(Pid running) => new(StartChildStatus.AlreadyStarted, running, null);

    internal static StartChildResult AlreadyPresent() => new(StartChildStatus.AlreadyPresent, Pid.None, null);

    internal static StartChildResult Failed(ExitReason reason) => new(StartChildStatus.Failed, Pid.None, reason);

    internal static StartChildResult MaxChildren() => new(StartChildStatus.MaxChildren, Pid.None, null);

    /// <summary>The started child's pid; throws a <see cref="ChildStartException"/> naming the outcome otherwise.</summary>
    public Pid EnsureStarted(string childId) => IsStarted ? Pid : throw new ChildStartException(childId, ToString(), Reason);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        StartChildStatus.Started => $"started {Pid}",
        StartChildStatus.Ignored => "ignored",
        StartChildStatus.AlreadyStarted => $"already started as {Pid}",
        StartChildStatus.AlreadyPresent => "already present (known but not running)",
        StartChildStatus.MaxChildren => "refused: the supervisor has its maximum number of children",
        _ => $"failed: {Reason}",
    };
}
