using System;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>A Roslyn test expectation failed; the message carries the readable details.</summary>
public sealed class AnalyzerTestException : Exception
{
    /// <summary>Creates the failure.</summary>
    public AnalyzerTestException(string message)
        : base(message)
    {
    }
}
