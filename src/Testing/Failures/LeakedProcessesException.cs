using System;
using System.Collections.Generic;

namespace Arbor.Testing;

/// <summary>
/// Processes were still alive on an <see cref="ArborTestNode"/> after the test finished and everything the kit started
/// for it had been stopped: something the test started was neither supervised by the kit nor stopped by the test.
/// </summary>
public sealed class LeakedProcessesException : ExpectationFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The explanation, naming every leaked process the kit knows.</param>
    /// <param name="leaked">The leaked processes.</param>
    /// <param name="aliveCount">How many processes were alive on the node in all.</param>
    public LeakedProcessesException(string message, IReadOnlyList<Pid> leaked, int aliveCount)
        : base(message)
    {
        Leaked = leaked ?? throw new ArgumentNullException(nameof(leaked));
        AliveCount = aliveCount;
    }

    /// <summary>The leaked processes, each named in the message with its pid and its description or type.</summary>
    public IReadOnlyList<Pid> Leaked { get; }

    /// <summary>How many processes were alive on the node when the test finished.</summary>
    public int AliveCount { get; }
}
