using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// A typed client for a dynamic supervisor (Elixir <c>DynamicSupervisor</c>): start children at run time, terminate
/// them and read their specs by pid, list and count them. Calls wait without a timeout unless one is given.
/// </summary>
public readonly struct DynamicSupervisorRef : IProcessRef<DynamicSupervisorRef>, IEquatable<DynamicSupervisorRef>
{
    private DynamicSupervisorRef(Pid pid) => Pid = pid;

    /// <summary>The supervisor process.</summary>
    public Pid Pid { get; }

    /// <summary>Wraps <paramref name="pid"/>.</summary>
    public static DynamicSupervisorRef FromPid(Pid pid) => new(pid);

    /// <summary>
    /// Starts a child from <paramref name="spec"/>; its start function gets the supervisor's
    /// <see cref="DynamicSupervisorOptions.ExtraArguments"/>. Ids need not be unique here. Answers
    /// <see cref="StartChildStatus.MaxChildren"/> when the supervisor is full; an ignoring child is not kept.
    /// </summary>
    /// <exception cref="InvalidChildSpecException">The spec is invalid or significant.</exception>
    public async ValueTask<StartChildResult> StartChildAsync(ChildSpec spec, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DynamicSupervisorOptions.CheckChild(spec);
        var answer = await GenServer.CallAsync(Pid, new StartChildCall(spec, Array.Empty<object?>()), SupervisorRef.Wait(timeout), cancellationToken).ConfigureAwait(false);
        return answer.Unwrap();
    }

    /// <summary>
    /// Starts a child from the supervisor's <see cref="DynamicSupervisorOptions.ChildTemplate"/> (OTP
    /// <c>simple_one_for_one</c> <c>start_child(Sup, ExtraArgs)</c>): its start function gets the supervisor's extra
    /// arguments followed by <paramref name="extraArguments"/>, on this start and on every restart.
    /// </summary>
    /// <exception cref="InvalidOperationException">The supervisor has no child template.</exception>
    public async ValueTask<StartChildResult> StartChildAsync(IReadOnlyList<object?> extraArguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraArguments);
        var snapshot = new object?[extraArguments.Count];
        for (var i = 0; i < snapshot.Length; i++)
        {
            snapshot[i] = extraArguments[i];
        }

        var answer = await GenServer.CallAsync(Pid, new StartChildCall(null, snapshot), SupervisorRef.Wait(timeout), cancellationToken).ConfigureAwait(false);
        return answer.Unwrap();
    }

    /// <summary>Stops the child <paramref name="child"/> by its shutdown mode and forgets it; <see cref="TerminateChildResult.NotFound"/> if it is not a child.</summary>
    public ValueTask<TerminateChildResult> TerminateChildAsync(Pid child, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new TerminateChildCall(null, child), SupervisorRef.Wait(timeout), cancellationToken);

    /// <summary>
    /// The spec the child <paramref name="child"/> was started from: its own, or the supervisor's
    /// <see cref="DynamicSupervisorOptions.ChildTemplate"/> (OTP <c>get_childspec</c> by pid). Its extra arguments are
    /// not part of the spec. <see cref="GetChildSpecStatus.NotFound"/> if it is not a running child.
    /// </summary>
    public ValueTask<GetChildSpecResult> GetChildSpecAsync(Pid child, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new GetChildSpecCall(null, child), SupervisorRef.Wait(timeout), cancellationToken);

    /// <summary>Every child in start order (a child whose restart failed shows as <see cref="ChildState.Restarting"/>).</summary>
    public ValueTask<IReadOnlyList<ChildInfo>> WhichChildrenAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new WhichChildrenCall(), SupervisorRef.Wait(timeout), cancellationToken);

    /// <summary>How many children there are, by kind and by liveness.</summary>
    public ValueTask<ChildCounts> CountChildrenAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GenServer.CallAsync(Pid, new CountChildrenCall(), SupervisorRef.Wait(timeout), cancellationToken);

    /// <summary>Stops the supervisor: all children are shut down in parallel, then it exits with <paramref name="reason"/>.</summary>
    public async ValueTask StopAsync(ExitReason? reason = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await GenServer.CallAsync(Pid, new StopSupervisorCall(reason ?? ExitReason.Normal), SupervisorRef.Wait(timeout), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public bool Equals(DynamicSupervisorRef other) => Pid == other.Pid;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DynamicSupervisorRef other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Pid.GetHashCode();

    /// <summary>Equality by pid.</summary>
    public static bool operator ==(DynamicSupervisorRef left, DynamicSupervisorRef right) => left.Equals(right);

    /// <summary>Inequality by pid.</summary>
    public static bool operator !=(DynamicSupervisorRef left, DynamicSupervisorRef right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"DynamicSupervisorRef({Pid})";
}
