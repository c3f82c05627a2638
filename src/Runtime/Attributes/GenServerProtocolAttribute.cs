using System;

namespace Arbor;

/// <summary>
/// Declares the protocol of a gen_server that runs on another node — an Erlang or Elixir <c>gen_server</c>, or an
/// Arbor server this program does not contain — as a <c>partial interface</c> of <c>[Call]</c> and <c>[Cast]</c>
/// methods. The generator writes a typed client for it (<c>IKvStore</c> gives <c>KvStoreRef</c> and
/// <c>IKvStoreClient</c>) and the Erlang term codecs of its requests and replies, with the same mapping as a
/// <c>[GenServer(Remote = true)]</c> class (<c>[Call] long Add(int by)</c> is <c>{add, By}</c>; see
/// docs/distribution-terms.md). Get a client with <see cref="ArborNode.Whereis{TRef}(string, string)"/> or
/// <c>KvStoreRef.FromPid(remotePid)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class GenServerProtocolAttribute : Attribute
{
}
