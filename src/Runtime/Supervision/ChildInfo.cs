namespace Arbor;

/// <summary>One row of <see cref="SupervisorRef.WhichChildrenAsync"/> (OTP <c>{Id, Child, Type, Modules}</c>).</summary>
/// <param name="Id">The child's id.</param>
/// <param name="Pid">Its process, or <see cref="Pid.None"/> unless <paramref name="State"/> is <see cref="ChildState.Running"/>.</param>
/// <param name="State">Whether it runs, is being restarted, or is not running.</param>
/// <param name="Type">Worker or supervisor.</param>
public sealed record ChildInfo(string Id, Pid Pid, ChildState State, ChildType Type);
