using System.Threading;

namespace Arbor.Distribution;

/// <summary>
/// A <c>gen_server:call</c> that arrived from another node (<c>{'$gen_call', {From, Tag}, Request}</c>), delivered to
/// the target's info handler. The handler answers with <see cref="Reply"/> (at once or later, from any thread); the
/// reply goes back as Erlang expects it (<c>{Tag, Reply}</c>, to the caller's alias on OTP 24+). This is the hook
/// typed servers build on: decode <see cref="Request"/>, run the handler, reply with its result.
/// </summary>
public sealed class RemoteCall
{
    private readonly NodeDistribution _distribution;
    private int _replied;

    internal RemoteCall(NodeDistribution distribution, Pid from, object tag, object request)
    {
        _distribution = distribution;
        From = from;
        Tag = tag;
        Request = request;
    }

    /// <summary>The calling process (on another node).</summary>
    public Pid From { get; }

    /// <summary>The call's tag: a reference, or <c>[alias | Ref]</c> from OTP 24+ callers.</summary>
    public object Tag { get; }

    /// <summary>The request term (Erlang terms; pids are <see cref="Pid"/>s).</summary>
    public object Request { get; }

    /// <summary>True once replied.</summary>
    public bool IsReplied => Volatile.Read(ref _replied) != 0;

    /// <summary>Sends the reply (once; later replies return false). A reply to a caller that gave up is dropped, as in Erlang.</summary>
    /// <exception cref="System.ArgumentException"><paramref name="reply"/> has no Erlang term form.</exception>
    public bool Reply(object? reply)
    {
        if (Interlocked.Exchange(ref _replied, 1) != 0)
        {
            return false;
        }

        _distribution.SendReply(From, Tag, reply);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"RemoteCall({Request}) from {From}";
}

/// <summary>A <c>gen_server:cast</c> that arrived from another node (<c>{'$gen_cast', Request}</c>), delivered to the target's info handler.</summary>
/// <param name="Request">The request term.</param>
public sealed record RemoteCast(object Request);

/// <summary>A node this process monitors (<see cref="ArborNode.MonitorNode(Pid, string)"/>) is connected (OTP <c>{nodeup, Node}</c>).</summary>
/// <param name="Node">The node's name.</param>
public sealed record NodeUp(string Node);

/// <summary>A node this process monitors lost its connection, or could not be reached (OTP <c>{nodedown, Node}</c>). The monitor is spent.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Reason">Why (the connection's close reason).</param>
public sealed record NodeDown(string Node, string Reason);
