namespace Arbor.Cluster;

/// <summary>
/// Decides which of two processes registered under one global name keeps it when a partition heals (OTP <c>global</c>'s
/// resolve function): return <paramref name="first"/> or <paramref name="second"/>. The other holder is unregistered
/// and stopped by its own node with <see cref="GlobalRegistry.ConflictReason"/>.
/// </summary>
/// <remarks>
/// Every node that sees the conflict calls the resolver on its own, with the two registrations in the same order (by
/// owner node, then stamp), so it must be a pure function of its arguments that every node runs alike — no clocks,
/// random numbers or local state. A resolver that throws, or returns anything but one of its arguments, is logged and
/// the default rule (<see cref="GlobalRegistration"/>: the earlier registration wins) decides instead; it never stops the registry.
/// </remarks>
/// <param name="first">One registration (the one whose owner node sorts first).</param>
/// <param name="second">The other registration.</param>
/// <returns>The registration that keeps the name.</returns>
public delegate GlobalRegistration GlobalNameResolver(GlobalRegistration first, GlobalRegistration second);
