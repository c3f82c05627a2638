namespace Arbor.Distribution;

/// <summary>
/// A typed call to a process on another node got a reply whose Erlang term does not have the shape of the call's result
/// type (the remote server speaks another protocol than the client was generated from).
/// </summary>
public sealed class RemoteReplyException : CallException
{
    internal RemoteReplyException(Pid target, object request, object reply)
        : base(target, request) => Reply = reply;

    /// <summary>The reply term as it arrived (pids mapped to <see cref="Pid"/>).</summary>
    public object Reply { get; }

    private protected override string Format(string request) =>
        $"Call {request} to {Target} failed: the reply {Terms.TermFormatter.Format(Reply)} does not have the shape of the call's result.";
}
