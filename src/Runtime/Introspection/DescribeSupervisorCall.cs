using Arbor.Protocol;

namespace Arbor.Introspection;

/// <summary>
/// Asks a supervisor for its own part of the tree snapshot (strategy, intensity, a window of its children and their
/// totals). Answered by the supervisor itself, so the child table is read on its own thread; child supervisors are asked
/// separately by the caller. The window keeps the answer (and the supervisor's turn) small for a dynamic supervisor with
/// tens of thousands of children.
/// </summary>
internal sealed class DescribeSupervisorCall(int childOffset, int childLimit) : CallMessage<SupervisorSnapshot>
{
    /// <summary>Children skipped, in start order.</summary>
    public int ChildOffset { get; } = childOffset;

    /// <summary>Children described at most.</summary>
    public int ChildLimit { get; } = childLimit;

    public override string ToString() => "describe_supervisor";
}
