namespace Arbor;

/// <summary>What init decided (OTP <c>{ok, State}</c> / <c>ignore</c> / <c>{stop, Reason}</c>).</summary>
public enum InitOutcome
{
    /// <summary>The server is running.</summary>
    Ok,

    /// <summary>The server chose not to run; it exits normally and the starter gets <see cref="StartStatus.Ignored"/>.</summary>
    Ignore,

    /// <summary>The server refused to start with a reason; the starter gets <see cref="StartStatus.Failed"/>.</summary>
    Stop,
}

/// <summary>The result of <see cref="GenServer.InitAsync"/>.</summary>
public readonly struct InitResult
{
    private InitResult(InitOutcome outcome, ExitReason? reason)
    {
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>Start normally.</summary>
    public static InitResult Ok => default;

    /// <summary>Do not run (OTP <c>ignore</c>).</summary>
    public static InitResult Ignore => new(InitOutcome.Ignore, null);

    /// <summary>Refuse to start with <paramref name="reason"/> (OTP <c>{stop, Reason}</c>).</summary>
    public static InitResult Stop(ExitReason reason) => new(InitOutcome.Stop, reason ?? throw new System.ArgumentNullException(nameof(reason)));

    /// <summary>What init decided.</summary>
    public InitOutcome Outcome { get; }

    /// <summary>The stop reason when <see cref="Outcome"/> is <see cref="InitOutcome.Stop"/>.</summary>
    public ExitReason? Reason { get; }
}
