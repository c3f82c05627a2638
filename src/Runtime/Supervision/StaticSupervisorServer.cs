using System;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A static supervisor (OTP <c>supervisor</c> with one_for_one, one_for_all or rest_for_one): starts its children in
/// order in init, restarts them by strategy, stops them in reverse order, and serves the admin API by child id.
/// </summary>
internal sealed class StaticSupervisorServer : SupervisorServerBase
{
    private readonly Strategy _strategy;
    private readonly AutoShutdown _autoShutdown;
    private readonly ChildSpec[] _initialChildren;

    /// <param name="options">Validated options.</param>
    /// <param name="children">The validated snapshot of <paramref name="options"/>' children.</param>
    public StaticSupervisorServer(SupervisorOptions options, ChildSpec[] children)
        : base(options.MaxRestarts, options.Within, indexById: true)
    {
        _strategy = options.Strategy;
        _autoShutdown = options.AutoShutdown;
        _initialChildren = children;
    }

    /// <summary>
    /// Starts the children in order. If one fails, the ones already started are stopped in reverse order and the
    /// supervisor refuses to start with <c>{shutdown, {failed_to_start_child, Id, Reason}}</c>.
    /// </summary>
    protected override async ValueTask<InitResult> InitAsync()
    {
        foreach (var spec in _initialChildren)
        {
            var child = new ChildRecord(spec, Array.Empty<object?>());
            var result = await Starter.StartAsync(child).ConfigureAwait(false);
            switch (result.Status)
            {
                case StartStatus.Started:
                    AddRunning(child, result.Pid);
                    break;
                case StartStatus.Ignored:
                    // Kept as not running, so it can be restarted later; a temporary child that ignores is forgotten.
                    if (!child.IsTemporary)
                    {
                        Children.Add(child);
                    }

                    break;
                default:
                    await TerminateChildrenAsync().ConfigureAwait(false);
                    return InitResult.Stop(ExitReason.ShutdownWith(new ChildStartFailure(spec.Id, ChildStarter.FailureReason(result))));
            }
        }

        return InitResult.Ok;
    }

    private protected override string StrategyName => _strategy.ToString();

    private protected override bool TryHandleAdminCall(CallMessage call, out ValueTask handled)
    {
        switch (call)
        {
            case StartChildCall start:
                handled = StartChildAsync(start);
                return true;
            case TerminateChildCall terminate:
                handled = TerminateChildAsync(terminate);
                return true;
            case RestartChildCall restart:
                handled = RestartChildAsync(restart);
                return true;
            case DeleteChildCall delete:
                Reply(delete, DeleteChild(delete.Id));
                handled = default;
                return true;
            case GetChildSpecCall get:
                Reply(get, TryFind(get, out var child) ? GetChildSpecResult.Found(child.Spec) : GetChildSpecResult.Of(GetChildSpecStatus.NotFound));
                handled = default;
                return true;
            default:
                handled = default;
                return false;
        }
    }

    /// <summary>
    /// Terminates the rest of the strategy's group in reverse start order (temporary ones are dropped, as they are never
    /// restarted), then starts the group in start order; a start that fails leaves the rest not running and queues a
    /// retry, which restarts the group of the failed child. Under one_for_one the group is the child alone.
    /// </summary>
    private protected override async ValueTask RestartByStrategyAsync(ChildRecord child)
    {
        var group = StrategyGroups.RestartedWith(_strategy, child, Children);
        for (var i = group.Count - 1; i >= 0; i--)
        {
            var member = group[i];
            await Terminator.TerminateAsync(member).ConfigureAwait(false);
            if (member.IsTemporary)
            {
                Children.Remove(member);
            }
            else
            {
                Children.SetNotRunning(member);
            }
        }

        foreach (var member in group)
        {
            if (Children.Contains(member) && !await StartOrRetryAsync(member).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private protected override void OnChildGone(ChildRecord child, ExitReason reason)
    {
        if (child.IsTemporary)
        {
            Children.Remove(child);
        }

        if (AutoShutdownRule.ShouldShutDown(_autoShutdown, child, Children))
        {
            Reporter.AutoShutdown(child, reason);
            Stop(ExitReason.Shutdown);
        }
    }

    private protected override void OnRestartIgnored(ChildRecord child) => Children.SetNotRunning(child);

    /// <summary>Stops the children one at a time in reverse start order, each by its own shutdown mode.</summary>
    private protected override async ValueTask TerminateChildrenAsync()
    {
        var children = Children.All();
        for (var i = children.Count - 1; i >= 0; i--)
        {
            await Terminator.TerminateAsync(children[i]).ConfigureAwait(false);
            Children.SetNotRunning(children[i]);
        }
    }

    private async ValueTask StartChildAsync(StartChildCall call)
    {
        var spec = call.Spec;
        try
        {
            if (spec is null)
            {
                throw new InvalidOperationException("A static supervisor starts children from a spec; only a dynamic supervisor has a child template.");
            }

            spec.Validate();
            ChildSpecChecks.CheckAllowedHere(spec, _autoShutdown);
        }
        catch (Exception rejected) when (rejected is InvalidChildSpecException or InvalidOperationException)
        {
            Reply(call, Answer<StartChildResult>.Rejected(rejected));
            return;
        }

        if (Children.TryGet(spec.Id, out var existing))
        {
            Reply(call, Answer<StartChildResult>.Of(existing.State == ChildState.Running
                ? StartChildResult.AlreadyStarted(existing.Pid)
                : StartChildResult.AlreadyPresent()));
            return;
        }

        var child = new ChildRecord(spec, call.ExtraArguments);
        var answer = await StartAddedChildAsync(child, keepIgnored: !child.IsTemporary).ConfigureAwait(false);
        Reply(call, Answer<StartChildResult>.Of(answer));
    }

    /// <summary>Stops the child (the spec stays unless it is temporary); never triggers a restart or an auto-shutdown.</summary>
    private async ValueTask TerminateChildAsync(TerminateChildCall call)
    {
        if (!TryFind(call, out var child))
        {
            Reply(call, TerminateChildResult.NotFound);
            return;
        }

        await Terminator.TerminateAsync(child).ConfigureAwait(false);
        if (child.IsTemporary)
        {
            Children.Remove(child);
        }
        else
        {
            Children.SetNotRunning(child);
        }

        Reply(call, TerminateChildResult.Terminated);
    }

    private async ValueTask RestartChildAsync(RestartChildCall call)
    {
        if (!Children.TryGet(call.Id, out var child))
        {
            Reply(call, RestartChildResult.Of(RestartChildStatus.NotFound));
            return;
        }

        if (child.State != ChildState.NotRunning)
        {
            Reply(call, RestartChildResult.Of(child.State == ChildState.Running ? RestartChildStatus.Running : RestartChildStatus.Restarting));
            return;
        }

        var result = await Starter.StartAsync(child).ConfigureAwait(false);
        switch (result.Status)
        {
            case StartStatus.Started:
                Children.SetRunning(child, result.Pid);
                Reply(call, RestartChildResult.Restarted(result.Pid));
                break;
            case StartStatus.Ignored:
                Reply(call, RestartChildResult.Of(RestartChildStatus.Ignored));
                break;
            default:
                Reply(call, RestartChildResult.Failed(ChildStarter.FailureReason(result)));
                break;
        }
    }

    /// <summary>A static supervisor's admin API names children by id; a request by pid finds nothing.</summary>
    private bool TryFind<TResult>(ChildRequest<TResult> request, out ChildRecord child)
    {
        child = null!;
        return request.Id is not null && Children.TryGet(request.Id, out child);
    }

    private DeleteChildResult DeleteChild(string id)
    {
        if (!Children.TryGet(id, out var child))
        {
            return DeleteChildResult.NotFound;
        }

        switch (child.State)
        {
            case ChildState.Running:
                return DeleteChildResult.Running;
            case ChildState.Restarting:
                return DeleteChildResult.Restarting;
            default:
                Children.Remove(child);
                return DeleteChildResult.Deleted;
        }
    }
}
