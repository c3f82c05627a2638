using System;

namespace Arbor.Introspection;

/// <summary>What a process is handling at the moment it was looked at.</summary>
/// <param name="Handler">The handler: <c>call Add</c>, <c>cast Reset</c>, <c>info Tick</c>, <c>init</c>.</param>
/// <param name="RunningFor">How long the turn watchdog has seen it running (zero until its first pass).</param>
/// <param name="IsLong">True once it has passed the node's <see cref="ArborNodeOptions.LongTurnThreshold"/>.</param>
public sealed record CurrentTurn(string Handler, TimeSpan RunningFor, bool IsLong);
