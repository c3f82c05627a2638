using System;
using System.Collections.Generic;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A supervisor's answer that may instead be an error to throw at the caller: a request the supervisor rejects (a spec it
/// cannot take) is the caller's mistake, not a reason for the supervisor to crash.
/// </summary>
internal readonly struct Answer<T>
{
    private readonly T _value;
    private readonly Exception? _error;

    private Answer(T value, Exception? error)
    {
        _value = value;
        _error = error;
    }

    public static Answer<T> Of(T value) => new(value, null);

    public static Answer<T> Rejected(Exception error) => new(default!, error);

    public T Unwrap() => _error is null ? _value : throw _error;
}

/// <summary>OTP <c>start_child</c> with a spec (static supervisor) or a spec and arguments (dynamic supervisor).</summary>
internal sealed class StartChildCall : CallMessage<Answer<StartChildResult>>
{
    public StartChildCall(ChildSpec? spec, IReadOnlyList<object?> extraArguments)
    {
        Spec = spec;
        ExtraArguments = extraArguments;
    }

    /// <summary>Null for a dynamic supervisor's template child.</summary>
    public ChildSpec? Spec { get; }

    public IReadOnlyList<object?> ExtraArguments { get; }

    public override string ToString() => $"start_child({Spec?.Id ?? "template"})";
}

/// <summary>A request about one child, by id (static supervisors) or by pid (dynamic ones).</summary>
internal abstract class ChildRequest<TResult> : CallMessage<TResult>
{
    private protected ChildRequest(string? id, Pid pid)
    {
        Id = id;
        Pid = pid;
    }

    /// <summary>The child's id; null when it is addressed by <see cref="Pid"/>.</summary>
    public string? Id { get; }

    public Pid Pid { get; }

    private protected string Child => Id ?? Pid.ToString();
}

/// <summary>OTP <c>terminate_child</c>.</summary>
internal sealed class TerminateChildCall : ChildRequest<TerminateChildResult>
{
    public TerminateChildCall(string? id, Pid pid)
        : base(id, pid)
    {
    }

    public override string ToString() => $"terminate_child({Child})";
}

/// <summary>OTP <c>get_childspec</c>.</summary>
internal sealed class GetChildSpecCall : ChildRequest<GetChildSpecResult>
{
    public GetChildSpecCall(string? id, Pid pid)
        : base(id, pid)
    {
    }

    public override string ToString() => $"get_childspec({Child})";
}

/// <summary>OTP <c>restart_child</c>.</summary>
internal sealed class RestartChildCall : CallMessage<RestartChildResult>
{
    public RestartChildCall(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => $"restart_child({Id})";
}

/// <summary>OTP <c>delete_child</c>.</summary>
internal sealed class DeleteChildCall : CallMessage<DeleteChildResult>
{
    public DeleteChildCall(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => $"delete_child({Id})";
}

/// <summary>OTP <c>which_children</c>.</summary>
internal sealed class WhichChildrenCall : CallMessage<IReadOnlyList<ChildInfo>>
{
    public override string ToString() => "which_children";
}

/// <summary>OTP <c>count_children</c>.</summary>
internal sealed class CountChildrenCall : CallMessage<ChildCounts>
{
    public override string ToString() => "count_children";
}

/// <summary>Stops the supervisor with a reason; answered once its children have been shut down (OTP <c>gen_server:stop</c>).</summary>
internal sealed class StopSupervisorCall : CallMessage<bool>
{
    public StopSupervisorCall(ExitReason reason) => Reason = reason;

    public ExitReason Reason { get; }

    public override string ToString() => $"stop({Reason})";
}

/// <summary>
/// Sent by a supervisor to itself after a failed restart (OTP <c>try_again_restart</c>): the retry waits behind the
/// messages already queued, so a stop request or another exit is not starved by a child that keeps failing.
/// </summary>
internal sealed record TryAgainRestart(ChildRecord Child)
{
    public override string ToString() => $"try_again_restart({Child.Id})";
}
