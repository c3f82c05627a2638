using System;

namespace Arbor;

/// <summary>A start that did not produce a running process (init failed or stopped, returned ignore, or the name was taken).</summary>
public sealed class StartFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>.</summary>
    public StartFailedException(string what, StartResult result)
        : base($"Starting {what} did not produce a running process: {result}.", result.Reason?.Exception) => Result = result;

    /// <summary>The start outcome.</summary>
    public StartResult Result { get; }
}
