using System;
using System.Threading;

namespace Arbor.Introspection;

/// <summary>
/// An open observation from <see cref="NodeIntrospection.Observe"/>: while any is open, processes count the messages they
/// handle and the time they spend in their turns. Dispose it to stop (idempotent).
/// </summary>
public sealed class Observation : IDisposable
{
    private int _disposed;

    internal Observation() => ProcessObservation.Begin();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ProcessObservation.End();
        }
    }
}
