using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>Waiting for a name: after a crash, a supervisor registers the restarted process again a moment later.</summary>
public sealed partial class ArborNode
{
    /// <summary>
    /// The process registered as <paramref name="name"/>; if none is, waits until one registers it, at most
    /// <paramref name="timeout"/>. Use it where a name may be briefly free, such as right after a crash while its
    /// supervisor restarts the process. The wait is woken by the registration itself (no polling).
    /// </summary>
    /// <param name="name">The registered name.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The registered process. It may exit at any time, as with <see cref="Whereis(string)"/>.</returns>
    /// <exception cref="TimeoutException">No process held or registered the name within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<Pid> WhereisAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Names.WhenRegistered(name, timeout, cancellationToken);

    /// <summary>
    /// A typed client for the process registered as <paramref name="name"/>; if none is, waits until one registers it,
    /// at most <paramref name="timeout"/> (see <see cref="WhereisAsync(string, TimeSpan, CancellationToken)"/>).
    /// </summary>
    /// <typeparam name="TRef">The generated client type, e.g. <c>CounterRef</c>.</typeparam>
    /// <param name="name">The registered name.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A client for the registered process.</returns>
    /// <exception cref="TimeoutException">No process held or registered the name within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task<TRef> WhereisAsync<TRef>(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
        where TRef : struct, IProcessRef<TRef> =>
        TRef.FromPid(await Names.WhenRegistered(name, timeout, cancellationToken).ConfigureAwait(false));
}
