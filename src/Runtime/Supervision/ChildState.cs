namespace Arbor;

/// <summary>Whether a supervisor's child has a running process (the <c>Child</c> column of OTP <c>which_children</c>).</summary>
public enum ChildState
{
    /// <summary>The child has a process (OTP: its pid).</summary>
    Running,

    /// <summary>A restart failed and is being retried (OTP: <c>restarting</c>).</summary>
    Restarting,

    /// <summary>The spec is kept but no process runs: terminated, or its start returned ignore (OTP: <c>undefined</c>).</summary>
    NotRunning,
}
