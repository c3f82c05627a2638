namespace Arbor;

/// <summary>How a terminate-child request ended (OTP <c>terminate_child</c> results).</summary>
public enum TerminateChildResult
{
    /// <summary>The child's process, if it had one, has exited; a static supervisor keeps the spec unless the child is temporary (OTP <c>ok</c>).</summary>
    Terminated,

    /// <summary>No such child (OTP <c>{error, not_found}</c>).</summary>
    NotFound,

    /// <summary>
    /// An id was given to a dynamic supervisor, whose children have no ids: address the child by pid with
    /// <see cref="DynamicSupervisorRef.TerminateChildAsync"/> (OTP <c>{error, simple_one_for_one}</c>).
    /// </summary>
    DynamicSupervisor,
}
