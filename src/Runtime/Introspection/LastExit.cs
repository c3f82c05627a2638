using System;

namespace Arbor.Introspection;

/// <summary>The last abnormal exit a supervisor saw of one child.</summary>
/// <param name="At">When the child exited.</param>
/// <param name="Reason">The exit reason, rendered.</param>
public sealed record LastExit(DateTimeOffset At, string Reason);
