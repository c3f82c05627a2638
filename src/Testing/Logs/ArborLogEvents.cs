namespace Arbor.Testing;

/// <summary>
/// The categories and event names of the reports Arbor writes, to match <see cref="LogEntry"/> values with
/// (<c>entry.Is(ArborLogEvents.ChildTerminated)</c>).
/// </summary>
public static class ArborLogEvents
{
    /// <summary>The category of process reports (crash reports).</summary>
    public const string ProcessCategory = "Arbor.Process";

    /// <summary>The category of supervisor reports.</summary>
    public const string SupervisorCategory = "Arbor.Supervisor";

    /// <summary>A crash report: a process exited with a reason other than <c>normal</c> or <c>shutdown</c>.</summary>
    public const string ProcessCrashed = "ProcessCrashed";

    /// <summary>A process without an info handler for a message dropped it.</summary>
    public const string UnexpectedInfo = "UnexpectedInfo";

    /// <summary>A callback registered on a process's exit token threw.</summary>
    public const string ExitCallbackFailed = "ExitCallbackFailed";

    /// <summary>A supervisor started a child.</summary>
    public const string ChildStarted = "ChildStarted";

    /// <summary>A supervised child exited with a reason that is reported (it is restarted or not by its restart policy).</summary>
    public const string ChildTerminated = "ChildTerminated";

    /// <summary>A supervisor failed to start a child.</summary>
    public const string ChildStartFailed = "ChildStartFailed";

    /// <summary>A child exited with an unexpected reason while its supervisor shut it down.</summary>
    public const string ChildShutdownError = "ChildShutdownError";

    /// <summary>A supervisor reached its restart intensity and shut down.</summary>
    public const string RestartIntensityReached = "RestartIntensityReached";

    /// <summary>A supervisor shut down automatically because a significant child exited.</summary>
    public const string AutoShutdown = "AutoShutdown";
}
