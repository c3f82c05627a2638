namespace Arbor;

/// <summary>How <see cref="SupervisorRef.DeleteChildAsync"/> ended (OTP <c>delete_child</c> results).</summary>
public enum DeleteChildResult
{
    /// <summary>The spec is gone (OTP <c>ok</c>).</summary>
    Deleted,

    /// <summary>The child is running: terminate it first (OTP <c>{error, running}</c>).</summary>
    Running,

    /// <summary>The supervisor is retrying a failed restart of it (OTP <c>{error, restarting}</c>).</summary>
    Restarting,

    /// <summary>No child has that id (OTP <c>{error, not_found}</c>).</summary>
    NotFound,

    /// <summary>
    /// The supervisor is a dynamic one: its children have no ids to address, and a dynamic child's spec goes when the
    /// child does, so there is nothing to delete (OTP <c>{error, simple_one_for_one}</c>).
    /// </summary>
    DynamicSupervisor,
}
