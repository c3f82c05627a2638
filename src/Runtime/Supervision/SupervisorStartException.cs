using System;

namespace Arbor;

/// <summary>
/// A supervisor did not start. When a child failed to start (OTP <c>{error, {shutdown, {failed_to_start_child, Id,
/// Reason}}}</c>) the children started before it have been stopped again, and <see cref="ChildId"/> and
/// <see cref="ChildReason"/> name the child and its reason.
/// </summary>
public sealed class SupervisorStartException : Exception
{
    /// <summary>Creates the exception from the supervisor's start outcome.</summary>
    public SupervisorStartException(string supervisor, StartResult result)
        : base(Describe(supervisor, result), InnermostException(result))
    {
        Result = result;
        if (result.Reason?.Detail is ChildStartFailure failure)
        {
            ChildId = failure.ChildId;
            ChildReason = failure.Reason;
        }
    }

    /// <summary>The supervisor's own start outcome (its exit reason, or the process holding its name).</summary>
    public StartResult Result { get; }

    /// <summary>The child that failed to start, when that is why the supervisor did not start.</summary>
    public string? ChildId { get; }

    /// <summary>Why that child failed to start.</summary>
    public ExitReason? ChildReason { get; }

    private static string Describe(string supervisor, StartResult result) => result.Reason?.Detail is ChildStartFailure failure
        ? $"Supervisor {supervisor} did not start: child '{failure.ChildId}' failed to start with reason {failure.Reason}; the children started before it were stopped."
        : $"Supervisor {supervisor} did not start: {result}.";

    private static Exception? InnermostException(StartResult result)
    {
        var reason = result.Reason;
        while (reason?.Detail is ChildStartFailure failure)
        {
            reason = failure.Reason;
        }

        return reason?.Exception;
    }
}
