namespace Arbor.Generators.Model;

/// <summary>
/// What parsing one <c>[GenServer]</c> class produced: the model to emit from (null when a class-level error makes
/// emitting pointless) and the diagnostics. The generator splits the two into separate pipelines.
/// </summary>
internal sealed record ParseResult(GenServerModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
