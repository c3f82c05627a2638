using Microsoft.CodeAnalysis;

namespace Arbor.Analyzers;

internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor UndeclaredDirtyWork = Create(
        DiagnosticIds.UndeclaredDirtyWork,
        "Long-running handler not marked dirty",
        "'{0}' may hold its worker thread for a long time ({1}); mark the handler Dirty = true so it runs on the dirty schedulers, or make the work asynchronous",
        ProcessHygiene,
        DiagnosticSeverity.Info,
        "Ordinary handlers run on the thread-pool workers every process shares. A handler that loops without end or waits on synchronous I/O holds a worker for as long as it runs; the runtime compensates, but on a busy machine other processes wait. Dirty = true on the handler attribute (or on [GenServer] for the whole server) runs it on the node's dirty schedulers, a few dedicated lower-priority threads, as the BEAM does with dirty NIFs.");
}
