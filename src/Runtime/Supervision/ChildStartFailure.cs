namespace Arbor;

/// <summary>
/// The detail of the <c>{shutdown, ...}</c> exit reason of a supervisor whose start-up failed because a child did not start
/// (OTP <c>{failed_to_start_child, Id, Reason}</c>). A parent supervisor sees it as the reason its child failed to start.
/// </summary>
/// <param name="ChildId">The child that did not start.</param>
/// <param name="Reason">Why: the child's start failure reason.</param>
public sealed record ChildStartFailure(string ChildId, ExitReason Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{{failed_to_start_child,{ChildId},{Reason}}}";
}
