using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor.Distribution.RemoteStart;

namespace Arbor;

/// <summary>Remote starts: servers this node lets others start, and starting servers on other nodes.</summary>
public sealed partial class ArborNode
{
    /// <summary>
    /// Lets other nodes start a server here under <paramref name="name"/> (through OTP's spawn request, which is how
    /// <see cref="StartRemoteAsync(string, string, IReadOnlyList{object?}?, RemoteStartOptions?)"/> and
    /// <see cref="RemoteChild.Spec"/> reach it; an Erlang node can use <c>erlang:spawn_request(Node, Name, start, Args, Opts)</c>).
    /// Only names allowed here start anything: a request for any other name, or naming an Erlang function, gets the error
    /// reply <c>badarg</c> and nothing is created. <paramref name="factory"/> runs inside the new process as its init;
    /// if it throws, the start fails and the requester gets <c>init_failed</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or already startable.</exception>
    /// <exception cref="InvalidOperationException">This node is not distributed.</exception>
    public void AllowRemoteStart(string name, Func<RemoteStartRequest, GenServer> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!Dist.AllowRemoteStart(name, factory))
        {
            throw new ArgumentException($"'{name}' is already startable from other nodes on {NodeName}.", nameof(name));
        }
    }

    /// <summary>Stops accepting remote starts of <paramref name="name"/>; servers already running are not affected. False if it was not startable.</summary>
    public bool ForbidRemoteStart(string name) => Dist.ForbidRemoteStart(name);

    /// <summary>
    /// Starts the server that <paramref name="node"/> made startable as <paramref name="name"/>, there, with
    /// <paramref name="arguments"/> (each must have an Erlang term form). Completes when its init has decided, with an
    /// OTP-style result rather than an exception: <see cref="StartStatus.Failed"/> carries <c>badarg</c> (not startable
    /// there), <c>init_failed</c>, <c>noconnection</c> or <c>timeout</c>. With <see cref="RemoteStartOptions.Link"/> the
    /// new process is linked to the calling process before this completes.
    /// </summary>
    /// <exception cref="ArgumentException">The name or node is empty or invalid, or an argument has no Erlang term form.</exception>
    /// <exception cref="InvalidOperationException">This node is not distributed, or a linked start is made from outside a process.</exception>
    public Task<StartResult> StartRemoteAsync(string node, string name, IReadOnlyList<object?>? arguments = null, RemoteStartOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= RemoteStartOptions.Default;
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "A remote start timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        Process? parent = null;
        if (options.Link)
        {
            parent = Process.Current
                ?? throw new InvalidOperationException("A linked remote start links the new process to the caller, so it must be made from inside a process.");
        }

        return Dist.StartRemoteAsync(parent, node, name, arguments ?? Array.Empty<object?>(), options.Timeout);
    }

    /// <summary>
    /// Starts a server on <paramref name="node"/> like <see cref="StartRemoteAsync(string, string, IReadOnlyList{object?}?, RemoteStartOptions?)"/>
    /// and returns a typed client for it (its server must be <c>[GenServer(Remote = true)]</c> on that node).
    /// </summary>
    /// <exception cref="StartFailedException">The start did not succeed (the task faults with it).</exception>
    public async Task<TRef> StartRemoteAsync<TRef>(string node, string name, IReadOnlyList<object?>? arguments = null, RemoteStartOptions? options = null)
        where TRef : struct, IProcessRef<TRef>
    {
        var result = await StartRemoteAsync(node, name, arguments, options).ConfigureAwait(false);
        return TRef.FromPid(result.EnsureStarted($"'{name}' on {node}"));
    }
}
