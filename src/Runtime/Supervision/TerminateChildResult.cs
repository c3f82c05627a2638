namespace Arbor;

/// <summary>How a terminate-child request ended (OTP <c>terminate_child</c> results).</summary>
public enum TerminateChildResult
{
    /// <summary>The child's process, if it had one, has exited; a static supervisor keeps the spec unless the child is temporary (OTP <c>ok</c>).</summary>
    Terminated,

    /// <summary>No such child (OTP <c>{error, not_found}</c>).</summary>
    NotFound,
}
