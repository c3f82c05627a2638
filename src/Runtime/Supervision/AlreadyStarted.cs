namespace Arbor;

/// <summary>
/// The reason a child start counts as failed when the child's name is held by another process (OTP
/// <c>{already_started, Pid}</c>), carried by <see cref="ExitReason.Other(object)"/>.
/// </summary>
/// <param name="Pid">The process holding the name.</param>
public sealed record AlreadyStarted(Pid Pid)
{
    /// <inheritdoc/>
    public override string ToString() => $"{{already_started,{Pid}}}";
}
