using Arbor.Protocol;

namespace Arbor.Introspection;

/// <summary>
/// Asks a supervisor for its own part of the tree snapshot (strategy, intensity, children). Answered by the supervisor
/// itself, so the child table is read on its own thread; child supervisors are asked separately by the caller.
/// </summary>
internal sealed class DescribeSupervisorCall : CallMessage<SupervisorSnapshot>
{
    public override string ToString() => "describe_supervisor";
}
