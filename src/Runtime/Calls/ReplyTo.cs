using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// A deferred reply (OTP's <c>From</c> with <c>{noreply, State}</c> and <c>gen_server:reply/2</c>): a call handler that
/// takes it returns without answering and replies later, from any thread or process. If the server exits first the
/// caller gets a <see cref="ProcessExitedException"/>; a reply after the caller timed out is dropped.
/// </summary>
/// <typeparam name="T">The reply type.</typeparam>
public readonly struct ReplyTo<T>
{
    private readonly CallMessage<T>? _call;

    internal ReplyTo(CallMessage<T> call) => _call = call;

    /// <summary>True once the call has been answered or has failed.</summary>
    public bool IsCompleted => _call is null || _call.IsCompleted;

    /// <summary>Sends the reply; returns false if the call had already completed (answered, timed out or cancelled).</summary>
    public bool Reply(T value) => _call is not null && _call.TryReply(value);
}
