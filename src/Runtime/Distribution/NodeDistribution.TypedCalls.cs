using System;
using System.Threading.Tasks;
using Arbor.Distribution.Terms;
using Arbor.Distribution.Terms.Mapping;
using Arbor.Protocol;

namespace Arbor.Distribution;

internal sealed partial class NodeDistribution
{
    /// <summary>
    /// A generated client's call to a remote pid or <c>{Name, Node}</c>: the message is encoded by its server's
    /// <see cref="IRemoteProtocol"/>, sent in <c>gen_server:call</c>'s shape, and the reply term decoded into the
    /// message's own result, so the caller awaits it exactly as a local call (same exceptions, same value task).
    /// </summary>
    public void Call(Pid target, CallMessage message, IRemoteProtocol protocol, TimeSpan timeout)
    {
        var reply = CallAsync(target, protocol.EncodeRequest(message), timeout, GuardedText.Of(message));
        if (reply.IsCompleted)
        {
            Complete(reply, target, message, protocol);
            return;
        }

        reply.ContinueWith(
            static (finished, state) =>
            {
                var (target, message, protocol) = ((Pid, CallMessage, IRemoteProtocol))state!;
                Complete(finished, target, message, protocol);
            },
            (target, message, protocol),
            TaskContinuationOptions.ExecuteSynchronously);
    }

    /// <summary>A generated client's cast to a remote pid or <c>{Name, Node}</c> (<c>{'$gen_cast', Request}</c>).</summary>
    public void Cast(Pid from, Pid target, CastMessage message, IRemoteProtocol protocol) =>
        Cast(from, target, protocol.EncodeRequest(message));

    private static void Complete(Task<object?> reply, Pid target, CallMessage message, IRemoteProtocol protocol)
    {
        if (reply.Exception is { } failed)
        {
            message.TryFail(failed.InnerException ?? failed);
            return;
        }

        var term = reply.Result ?? Atom.Nil;
        if (!protocol.TryDecodeReply(message, term, out var result) || !message.TryReplyBoxed(result))
        {
            message.TryFail(new RemoteReplyException(target, message, term));
        }
    }
}
