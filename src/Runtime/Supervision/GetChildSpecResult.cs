using System.Diagnostics.CodeAnalysis;

namespace Arbor;

/// <summary>How a get-child-spec request ended (OTP <c>get_childspec</c> results).</summary>
public enum GetChildSpecStatus
{
    /// <summary>The supervisor knows the child; <see cref="GetChildSpecResult.Spec"/> is its spec (OTP <c>{ok, ChildSpec}</c>).</summary>
    Found,

    /// <summary>No such child (OTP <c>{error, not_found}</c>).</summary>
    NotFound,

    /// <summary>
    /// An id was given to a dynamic supervisor, whose children have no ids: address the child by pid with
    /// <see cref="DynamicSupervisorRef.GetChildSpecAsync"/> (the answer OTP gives id-based requests to a
    /// <c>simple_one_for_one</c> supervisor, <c>{error, simple_one_for_one}</c>).
    /// </summary>
    DynamicSupervisor,
}

/// <summary>The outcome of a get-child-spec request: the spec the supervisor starts and restarts the child from.</summary>
public readonly struct GetChildSpecResult
{
    private GetChildSpecResult(GetChildSpecStatus status, ChildSpec? spec)
    {
        Status = status;
        Spec = spec;
    }

    /// <summary>How the request ended.</summary>
    public GetChildSpecStatus Status { get; }

    /// <summary>The child's spec (<see cref="GetChildSpecStatus.Found"/>); otherwise null.</summary>
    public ChildSpec? Spec { get; }

    /// <summary>True for <see cref="GetChildSpecStatus.Found"/>, when <see cref="Spec"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsFound => Status == GetChildSpecStatus.Found;

    internal static GetChildSpecResult Found(ChildSpec spec) => new(GetChildSpecStatus.Found, spec);

    internal static GetChildSpecResult Of(GetChildSpecStatus status) => new(status, null);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        GetChildSpecStatus.Found => $"found '{Spec!.Id}'",
        _ => Status.ToString(),
    };
}
