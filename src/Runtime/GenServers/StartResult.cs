namespace Arbor;

/// <summary>How a start ended.</summary>
public enum StartStatus
{
    /// <summary>Init succeeded; the process is running (OTP <c>{ok, Pid}</c>).</summary>
    Started,

    /// <summary>Init returned ignore; no process is running (OTP <c>ignore</c>).</summary>
    Ignored,

    /// <summary>The requested name was taken; <see cref="StartResult.Pid"/> is the process holding it (OTP <c>{error, {already_started, Pid}}</c>).</summary>
    AlreadyStarted,

    /// <summary>Init threw or returned stop; <see cref="StartResult.Reason"/> says why (OTP <c>{error, Reason}</c>).</summary>
    Failed,
}

/// <summary>The outcome of starting a process, OTP style: not an exception, because ignore and already-started are normal answers.</summary>
public readonly struct StartResult
{
    private StartResult(StartStatus status, Pid pid, ExitReason? reason, MonitorRef? monitor = null)
    {
        Status = status;
        Pid = pid;
        Reason = reason;
        Monitor = monitor;
    }

    /// <summary>How the start ended.</summary>
    public StartStatus Status { get; }

    /// <summary>The started process, or for <see cref="StartStatus.AlreadyStarted"/> the one holding the name; otherwise <see cref="Pid.None"/>.</summary>
    public Pid Pid { get; }

    /// <summary>Why the start failed (<see cref="StartStatus.Failed"/>).</summary>
    public ExitReason? Reason { get; }

    /// <summary>The monitor a start with <see cref="StartOptions.Monitor"/> set up (OTP <c>start_monitor</c>'s reference); null otherwise.</summary>
    public MonitorRef? Monitor { get; }

    /// <summary>True for <see cref="StartStatus.Started"/>.</summary>
    public bool IsStarted => Status == StartStatus.Started;

    internal static StartResult Started(Pid pid) => new(StartStatus.Started, pid, null);

    internal static StartResult Ignored() => new(StartStatus.Ignored, Pid.None, null);

    internal static StartResult AlreadyStarted(Pid existing) => new(StartStatus.AlreadyStarted, existing, null);

    internal static StartResult Failed(ExitReason reason) => new(StartStatus.Failed, Pid.None, reason);

    internal StartResult WithMonitor(MonitorRef monitor) => new(Status, Pid, Reason, monitor);

    /// <summary>The pid of a started process; throws a <see cref="StartFailedException"/> naming the outcome otherwise.</summary>
    public Pid EnsureStarted(string what) => IsStarted ? Pid : throw new StartFailedException(what, this);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        StartStatus.Started => $"started {Pid}",
        StartStatus.Ignored => "ignored",
        StartStatus.AlreadyStarted => $"already started as {Pid}",
        _ => $"failed: {Reason}",
    };
}
