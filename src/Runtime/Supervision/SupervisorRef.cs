using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// A typed client for a static supervisor: the OTP admin API (<c>start_child</c>, <c>terminate_child</c>,
/// <c>restart_child</c>, <c>delete_child</c>, <c>get_childspec</c>, <c>which_children</c>, <c>count_children</c>) with
/// OTP's answers as typed results. Like OTP's supervisor calls, these wait without a timeout unless one is given: a
/// supervisor busy restarting answers when it is done.
/// </summary>
/// <remarks>
/// Children are named by id here. Pointed at a dynamic supervisor (whose children have no ids), the id-based requests
/// answer <c>DynamicSupervisor</c> (OTP <c>{error, simple_one_for_one}</c>); use <see cref="DynamicSupervisorRef"/> there.
/// </remarks>
public readonly struct SupervisorRef : IProcessRef<SupervisorRef>, IEquatable<SupervisorRef>
{
    private SupervisorRef(Pid pid) => Pid = pid;

    /// <summary>The supervisor process.</summary>
    public Pid Pid { get; }

    /// <summary>Wraps <paramref name="pid"/>; calls fail with <see cref="NoProcessException"/> if it is not a live supervisor.</summary>
    public static SupervisorRef FromPid(Pid pid) => new(pid);

    /// <summary>
    /// Adds <paramref name="spec"/> as the last child and starts it (OTP <c>start_child</c>). A child with the same id is
    /// not replaced: the answer is <see cref="StartChildStatus.AlreadyStarted"/> or <see cref="StartChildStatus.AlreadyPresent"/>.
    /// </summary>
    /// <exception cref="InvalidChildSpecException">The spec is invalid, or significant under a supervisor without auto-shutdown.</exception>
    public async ValueTask<StartChildResult> StartChildAsync(ChildSpec spec, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var answer = await GenServer.CallAsync(Pid, new StartChildCall(spec, Array.Empty<object?>()), Wait(timeout), cancellationToken).ConfigureAwait(false);
        return answer.Unwrap();
    }

    /// <summary>
    /// Stops the child <paramref name="id"/> by its shutdown mode (OTP <c>terminate_child</c>). Its spec is kept (restart it
    /// with <see cref="RestartChildAsync"/>) unless it is temporary. It is not restarted and no auto-shutdown follows.
    /// </summary>
    public ValueTask<TerminateChildResult> TerminateChildAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return GenServer.CallAsync(Pid, new TerminateChildCall(id, Pid.None), Wait(timeout), cancellationToken);
    }

    /// <summary>Starts again a child whose spec is kept but that is not running (OTP <c>restart_child</c>).</summary>
    public ValueTask<RestartChildResult> RestartChildAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return GenServer.CallAsync(Pid, new RestartChildCall(id), Wait(timeout), cancellationToken);
    }

    /// <summary>Forgets the spec of a child that is not running (OTP <c>delete_child</c>).</summary>
    public ValueTask<DeleteChildResult> DeleteChildAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return GenServer.CallAsync(Pid, new DeleteChildCall(id), Wait(timeout), cancellationToken);
    }

    /// <summary>
    /// The spec of the child <paramref name="id"/>, running or not (OTP <c>get_childspec</c>): the one it was added with,
    /// which the supervisor restarts it from. <see cref="GetChildSpecStatus.NotFound"/> when no child has that id.
    /// </summary>
    public ValueTask<GetChildSpecResult> GetChildSpecAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return GenServer.CallAsync(Pid, new GetChildSpecCall(id, Pid.None), Wait(timeout), cancellationToken);
    }

    /// <summary>Every child, in start order, with its process and state (OTP <c>which_children</c>).</summary>
    public ValueTask<IReadOnlyList<ChildInfo>> WhichChildrenAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new WhichChildrenCall(), Wait(timeout), cancellationToken);

    /// <summary>How many children there are, by kind and by liveness (OTP <c>count_children</c>).</summary>
    public ValueTask<ChildCounts> CountChildrenAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new CountChildrenCall(), Wait(timeout), cancellationToken);

    /// <summary>
    /// Stops the supervisor with <paramref name="reason"/> (<c>normal</c> by default): its children are shut down in
    /// reverse start order, then it exits. Completes once the children have been shut down.
    /// </summary>
    public async ValueTask StopAsync(ExitReason? reason = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await GenServer.CallAsync(Pid, new StopSupervisorCall(reason ?? ExitReason.Normal), Wait(timeout), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public bool Equals(SupervisorRef other) => Pid == other.Pid;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SupervisorRef other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Pid.GetHashCode();

    /// <summary>Equality by pid.</summary>
    public static bool operator ==(SupervisorRef left, SupervisorRef right) => left.Equals(right);

    /// <summary>Inequality by pid.</summary>
    public static bool operator !=(SupervisorRef left, SupervisorRef right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"SupervisorRef({Pid})";

    internal static TimeSpan Wait(TimeSpan? timeout) => timeout ?? Timeout.InfiniteTimeSpan;
}
