using System;

namespace Arbor;

/// <summary>How a supervisor stops a child (OTP shutdown: <c>brutal_kill</c>, a timeout in ms, or <c>infinity</c>).</summary>
public readonly struct Shutdown : IEquatable<Shutdown>
{
    private Shutdown(ShutdownKind kind, TimeSpan timeout)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Kill at once with an untrappable <c>kill</c>.</summary>
    public static Shutdown BrutalKill => new(ShutdownKind.BrutalKill, TimeSpan.Zero);

    /// <summary>Wait for the child however long it takes (the default for supervisor children).</summary>
    public static Shutdown Infinity => new(ShutdownKind.Infinity, System.Threading.Timeout.InfiniteTimeSpan);

    /// <summary>The default for workers: 5 seconds, as in OTP.</summary>
    public static Shutdown DefaultWorker => After(TimeSpan.FromSeconds(5));

    /// <summary>Send <c>shutdown</c>, then <c>kill</c> if the child has not exited after <paramref name="timeout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public static Shutdown After(TimeSpan timeout) =>
        timeout > TimeSpan.Zero
            ? new Shutdown(ShutdownKind.Timeout, timeout)
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A shutdown timeout must be positive; use Shutdown.BrutalKill to kill at once.");

    /// <summary>Which mode.</summary>
    public ShutdownKind Kind { get; }

    /// <summary>The grace period of <see cref="ShutdownKind.Timeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc/>
    public bool Equals(Shutdown other) => Kind == other.Kind && Timeout == other.Timeout;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shutdown other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Timeout);

    /// <summary>Equality.</summary>
    public static bool operator ==(Shutdown left, Shutdown right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Shutdown left, Shutdown right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ShutdownKind.BrutalKill => "brutal_kill",
        ShutdownKind.Infinity => "infinity",
        _ => $"{Timeout.TotalMilliseconds:0}ms",
    };
}

/// <summary>The shutdown modes.</summary>
public enum ShutdownKind
{
    /// <summary>A <c>shutdown</c> exit signal, then <c>kill</c> after the timeout.</summary>
    Timeout,

    /// <summary>An untrappable <c>kill</c> at once.</summary>
    BrutalKill,

    /// <summary>A <c>shutdown</c> exit signal and an unbounded wait.</summary>
    Infinity,
}
