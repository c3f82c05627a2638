using System.Diagnostics.CodeAnalysis;
using Arbor.Protocol;

namespace Arbor.Distribution.Terms.Mapping;

/// <summary>
/// The Erlang term shapes of one remote GenServer's requests and replies, generated for every
/// <c>[GenServer(Remote = true)]</c> class (no reflection). The distribution transport uses it in both directions:
/// <list type="bullet">
/// <item>A <c>gen_server:call</c>/<c>cast</c> arriving for a local server: <see cref="TryDecodeCall"/> or
/// <see cref="TryDecodeCast"/> turns the request term into the same message object the local client would send;
/// once the call completes, <see cref="EncodeReply"/> turns its result into the reply term.</item>
/// <item>A typed client calling a server on another node: <see cref="EncodeRequest"/> turns the client's message into
/// the request term; <see cref="TryDecodeReply"/> turns the reply term back into the call's result.</item>
/// </list>
/// Terms are the dynamic values of <see cref="Arbor.Distribution.Terms"/> (pids as <see cref="Pid"/>, mapped to and from
/// <see cref="ErlangPid"/> by the transport).
/// </summary>
public interface IRemoteProtocol
{
    /// <summary>Decodes a call request term; false when no call handler of this server has that shape.</summary>
    bool TryDecodeCall(object request, [NotNullWhen(true)] out CallMessage? call);

    /// <summary>Decodes a cast request term; false when no cast handler of this server has that shape.</summary>
    bool TryDecodeCast(object request, [NotNullWhen(true)] out CastMessage? cast);

    /// <summary>The reply term for <paramref name="result"/>, the (boxed) result of a call this protocol decoded or encoded.</summary>
    object EncodeReply(CallMessage call, object? result);

    /// <summary>The request term for a call or cast message of this server's client.</summary>
    /// <exception cref="System.ArgumentException">The message is not one of this server's.</exception>
    object EncodeRequest(Envelope request);

    /// <summary>Decodes the reply term of <paramref name="call"/> into its (boxed) result; false when it has the wrong shape.</summary>
    bool TryDecodeReply(CallMessage call, object reply, out object? result);
}

/// <summary>Implemented by generated <c>[GenServer(Remote = true)]</c> classes: where the transport finds the codecs.</summary>
public interface IRemoteServer
{
    /// <summary>The server's term codecs (one shared instance per server type).</summary>
    IRemoteProtocol RemoteProtocol { get; }
}
