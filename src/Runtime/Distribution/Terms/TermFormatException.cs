using System;

namespace Arbor.Distribution.Terms;

/// <summary>
/// Input that is not a valid external term, or that a <see cref="TermReaderLimits"/> bound refuses. The message names
/// what was wrong; <see cref="Offset"/> is where in the input it was found.
/// </summary>
public sealed class TermFormatException : FormatException
{
    /// <summary>Creates an exception for a problem found at <paramref name="offset"/>.</summary>
    public TermFormatException(string reason, int offset)
        : base($"Invalid external term at offset {offset}: {reason}")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>What was wrong, without the offset.</summary>
    public string Reason { get; }

    /// <summary>The offset in the decoded input (bytes from the start of the span given to the reader).</summary>
    public int Offset { get; }
}
