namespace Arbor.EventManagers;

/// <summary>
/// Identifies one installed handler in its manager (OTP's <c>Module</c> or <c>{Module, Id}</c>): a number unique in the
/// manager, and the handler's type name for reading.
/// </summary>
/// <param name="Number">Unique within the manager, never reused.</param>
/// <param name="HandlerType">The handler's type name.</param>
public sealed record EventHandlerId(long Number, string HandlerType)
{
    /// <inheritdoc/>
    public override string ToString() => HandlerType + "#" + Number;
}
