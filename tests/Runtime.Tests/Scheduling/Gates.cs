using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>
/// Handlers that block their thread until the test opens the gate, and tell the test when they have entered. Blocking
/// is the point: these tests are about threads held by handlers.
/// </summary>
internal sealed class Gates : IDisposable
{
    private readonly ManualResetEventSlim _open = new(false);
    private readonly CountdownEvent _entered;
    private readonly TaskCompletionSource _allEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Gates(int handlers)
    {
        _entered = new CountdownEvent(handlers);
    }

    /// <summary>Completes once every expected handler is blocked at the gate.</summary>
    public Task AllEntered => _allEntered.Task;

    /// <summary>Called by a handler: reports that it has entered, then blocks until the gate opens (or the safety limit).</summary>
    public void Block()
    {
        if (_entered.Signal())
        {
            _allEntered.TrySetResult();
        }

        _open.Wait(Support.Patience.Limit);
    }

    public void Open() => _open.Set();

    public void Dispose()
    {
        _open.Set();
    }
}
