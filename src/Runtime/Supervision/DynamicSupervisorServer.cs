using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A dynamic supervisor (Elixir <c>DynamicSupervisor</c>, OTP <c>simple_one_for_one</c>): no children at start, children
/// started at run time from their own spec or the template, each restarted on its own with the arguments it was started
/// with, found by pid, and all shut down in parallel when the supervisor stops.
/// </summary>
internal sealed class DynamicSupervisorServer : SupervisorServerBase
{
    private readonly int? _maxChildren;
    private readonly IReadOnlyList<object?> _extraArguments;
    private readonly ChildSpec? _template;

    /// <param name="options">Validated options.</param>
    public DynamicSupervisorServer(DynamicSupervisorOptions options)
        : base(options.MaxRestarts, options.Within, indexById: false)
    {
        _maxChildren = options.MaxChildren;
        // A snapshot: later changes to the caller's list must not reach children started from now on.
        _extraArguments = [.. options.ExtraArguments];
        _template = options.ChildTemplate;
    }

    private protected override string StrategyName => "Dynamic";

    private protected override bool TryHandleAdminCall(CallMessage call, out ValueTask handled)
    {
        switch (call)
        {
            case StartChildCall start:
                handled = StartChildAsync(start);
                return true;
            // Dynamic children have no ids: a request by id (through a SupervisorRef) gets the specific answer OTP's
            // simple_one_for_one gives, {error, simple_one_for_one}, rather than a misleading not_found.
            case TerminateChildCall { Id: not null } byId:
                Reply(byId, TerminateChildResult.DynamicSupervisor);
                handled = default;
                return true;
            case TerminateChildCall terminate:
                handled = TerminateChildAsync(terminate);
                return true;
            case GetChildSpecCall get:
                Reply(get, GetChildSpec(get));
                handled = default;
                return true;
            case RestartChildCall restart:
                Reply(restart, RestartChildResult.Of(RestartChildStatus.DynamicSupervisor));
                handled = default;
                return true;
            case DeleteChildCall delete:
                Reply(delete, DeleteChildResult.DynamicSupervisor);
                handled = default;
                return true;
            default:
                handled = default;
                return false;
        }
    }

    private protected override async ValueTask RestartByStrategyAsync(ChildRecord child) =>
        await StartOrRetryAsync(child).ConfigureAwait(false);

    private protected override void OnChildGone(ChildRecord child, ExitReason reason) => Children.Remove(child);

    private protected override void OnRestartIgnored(ChildRecord child) => Children.Remove(child);

    /// <summary>Signals every child at once, then waits for all of them (each with its own shutdown mode).</summary>
    private protected override async ValueTask TerminateChildrenAsync()
    {
        var children = Children.All();
        await Terminator.TerminateAllAsync(children).ConfigureAwait(false);
        foreach (var child in children)
        {
            Children.Remove(child);
        }
    }

    private async ValueTask StartChildAsync(StartChildCall call)
    {
        var spec = call.Spec ?? _template;
        if (spec is null)
        {
            Reply(call, Answer<StartChildResult>.Rejected(new InvalidOperationException(
                "This dynamic supervisor has no ChildTemplate, so a child cannot be started from arguments alone; pass a ChildSpec.")));
            return;
        }

        try
        {
            DynamicSupervisorOptions.CheckChild(spec);
        }
        catch (InvalidChildSpecException rejected)
        {
            Reply(call, Answer<StartChildResult>.Rejected(rejected));
            return;
        }

        if (_maxChildren is { } max && Children.Count >= max)
        {
            Reply(call, Answer<StartChildResult>.Of(StartChildResult.MaxChildren()));
            return;
        }

        var child = new ChildRecord(spec, Concat(_extraArguments, call.ExtraArguments));
        var answer = await StartAddedChildAsync(child, keepIgnored: false).ConfigureAwait(false);
        Reply(call, Answer<StartChildResult>.Of(answer));
    }

    private async ValueTask TerminateChildAsync(TerminateChildCall call)
    {
        if (!Children.TryGetByPid(call.Pid, out var child))
        {
            Reply(call, TerminateChildResult.NotFound);
            return;
        }

        await Terminator.TerminateAsync(child).ConfigureAwait(false);
        Children.Remove(child);
        Reply(call, TerminateChildResult.Terminated);
    }

    /// <summary>The spec the child at the given pid was started from (its own, or the template); by id there is no answer but the refusal.</summary>
    private GetChildSpecResult GetChildSpec(GetChildSpecCall call)
    {
        if (call.Id is not null)
        {
            return GetChildSpecResult.Of(GetChildSpecStatus.DynamicSupervisor);
        }

        return Children.TryGetByPid(call.Pid, out var child) ? GetChildSpecResult.Found(child.Spec) : GetChildSpecResult.Of(GetChildSpecStatus.NotFound);
    }

    private static IReadOnlyList<object?> Concat(IReadOnlyList<object?> first, IReadOnlyList<object?> second)
    {
        if (second.Count == 0)
        {
            return first;
        }

        if (first.Count == 0)
        {
            return second;
        }

        var all = new object?[first.Count + second.Count];
        for (var i = 0; i < first.Count; i++)
        {
            all[i] = first[i];
        }

        for (var i = 0; i < second.Count; i++)
        {
            all[first.Count + i] = second[i];
        }

        return all;
    }
}
