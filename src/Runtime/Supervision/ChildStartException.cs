using System;

namespace Arbor;

/// <summary>A child started through a supervisor did not end up running (thrown by <see cref="StartChildResult.EnsureStarted"/>).</summary>
public sealed class ChildStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChildStartException(string childId, string outcome, ExitReason? reason)
        : base($"Child '{childId}' did not start: {outcome}.", reason?.Exception)
    {
        ChildId = childId;
        Reason = reason;
    }

    /// <summary>The child's id.</summary>
    public string ChildId { get; }

    /// <summary>The failure reason, when the start failed.</summary>
    public ExitReason? Reason { get; }
}
