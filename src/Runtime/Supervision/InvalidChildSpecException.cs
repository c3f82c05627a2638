using System;

namespace Arbor;

/// <summary>A child spec was rejected before anything started; the message names the child and the problem.</summary>
public sealed class InvalidChildSpecException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidChildSpecException(string? childId, string problem)
        : base($"Invalid child spec '{childId ?? "<null>"}': {problem}.")
    {
        ChildId = childId;
        Problem = problem;
    }

    /// <summary>The id of the offending spec (may be null or empty when that is the problem).</summary>
    public string? ChildId { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
