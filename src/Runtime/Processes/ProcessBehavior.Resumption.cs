using System.ComponentModel;
using Arbor.Introspection.InFlight;

namespace Arbor;

public abstract partial class ProcessBehavior
{
    /// <summary>
    /// For generated code: the <c>ConfigureAwait</c> argument of the runtime's awaits around an asynchronous handler
    /// (the reply of an asynchronous call). True only while a node in this process counts its in-flight work (test
    /// nodes): the await then resumes inline when the handler finishes under its process's context, inside the count,
    /// instead of through an uncounted thread-pool hop. Otherwise false: measured, resuming on the thread pool gets an
    /// asynchronous handler's caller its answer sooner (see docs/architecture/runtime.md).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool ArborResumeOnProcessContext => InFlightTracking.IsOn;
}
