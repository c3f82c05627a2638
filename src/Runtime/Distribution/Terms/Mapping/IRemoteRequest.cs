using System.ComponentModel;

namespace Arbor.Distribution.Terms.Mapping;

/// <summary>
/// Implemented by the generated call and cast messages of a server with Erlang term codecs (a
/// <c>[GenServer(Remote = true)]</c> class or a <c>[GenServerProtocol]</c> interface): how a typed client's request
/// to a process on another node finds the codec that puts it on the wire.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRemoteRequest
{
    /// <summary>The codecs of the server this message belongs to.</summary>
    IRemoteProtocol RemoteProtocol { get; }
}
