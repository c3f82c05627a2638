using System;

namespace Arbor.Testing;

/// <summary>A scenario failed (or hung) under one seed of <see cref="Interleavings"/>; the seed replays it.</summary>
public sealed class InterleavingFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="seed">The seed the scenario failed under.</param>
    /// <param name="failure">What went wrong.</param>
    /// <param name="innerException">The scenario's exception, if it threw.</param>
    public InterleavingFailedException(int seed, string failure, Exception? innerException)
        : base($"The scenario failed under seed {seed}: {failure}\nInterleavings.ReplayAsync({seed}, scenario) runs the same interleaving again.", innerException) =>
        Seed = seed;

    /// <summary>The seed that reproduces the failure.</summary>
    public int Seed { get; }
}
