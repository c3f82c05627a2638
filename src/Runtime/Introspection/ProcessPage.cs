using System;
using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>A page of the process table.</summary>
/// <param name="Total">Processes that matched the filter (all pages).</param>
/// <param name="Rows">This page's rows, sorted.</param>
/// <param name="TakenAt">When the snapshot was taken.</param>
public sealed record ProcessPage(int Total, IReadOnlyList<ProcessSummary> Rows, DateTimeOffset TakenAt);
