namespace Arbor;

/// <summary>What <see cref="SupervisorRef.CountChildrenAsync"/> returns (OTP <c>count_children</c>).</summary>
/// <param name="Specs">Every child the supervisor knows, running or not.</param>
/// <param name="Active">Children whose process is alive.</param>
/// <param name="Supervisors">Children of type supervisor, running or not.</param>
/// <param name="Workers">Children of type worker, running or not.</param>
public readonly record struct ChildCounts(int Specs, int Active, int Supervisors, int Workers);
