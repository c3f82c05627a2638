using System;

namespace Arbor.Distribution.Terms;

/// <summary>
/// Bounds a <see cref="TermReader"/> enforces on every term it reads, so hostile input cannot exhaust the stack or
/// memory. Exceeding one fails the read with a <see cref="TermFormatException"/> naming the limit.
/// </summary>
public sealed class TermReaderLimits
{
    /// <summary>The defaults: depth 256, 128 MiB per term, 16 Mi elements, 64 KiB bignums, 1 Mi atoms per term.</summary>
    public static TermReaderLimits Default { get; } = new();

    /// <summary>The deepest nesting of tuples, lists, maps and funs (each level is a recursive call).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>The most bytes one term may span in the input.</summary>
    public int MaxTermBytes { get; init; } = 128 * 1024 * 1024;

    /// <summary>The most elements (tuple elements, list elements, map keys and values) in one term, in total.</summary>
    public int MaxElements { get; init; } = 16 * 1024 * 1024;

    /// <summary>The longest bignum magnitude in bytes (Erlang itself allows about 16 MiB; parsing is quadratic-free but
    /// arithmetic on huge numbers is not).</summary>
    public int MaxBigIntegerBytes { get; init; } = 64 * 1024;

    /// <summary>The most atoms one term may contain (each costs a table lookup).</summary>
    public int MaxAtoms { get; init; } = 1024 * 1024;

    /// <summary>Checks the values are usable.</summary>
    internal void Validate()
    {
        if (MaxDepth < 1 || MaxTermBytes < 1 || MaxElements < 0 || MaxBigIntegerBytes < 8 || MaxAtoms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TermReaderLimits), "TermReaderLimits needs MaxDepth ≥ 1, MaxTermBytes ≥ 1, MaxBigIntegerBytes ≥ 8 and non-negative element and atom counts.");
        }
    }
}
