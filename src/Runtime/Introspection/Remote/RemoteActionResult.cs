namespace Arbor.Introspection.Remote;

/// <summary>What a destructive action on another node's process did (<see cref="RemoteNodeIntrospection"/>).</summary>
/// <param name="Done">True when the process was killed or the child terminated or restarted.</param>
/// <param name="Outcome">What happened, for the log and the page: <c>killed &lt;0.42.0&gt;</c>, <c>no such process</c>, <c>refused: ...</c>.</param>
/// <param name="Refused">True when the owning node does not allow destructive actions (nothing was attempted).</param>
public sealed record RemoteActionResult(bool Done, string Outcome, bool Refused);
