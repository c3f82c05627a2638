using System;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// Everything a static supervisor needs (OTP supervisor flags plus the child specs): strategy, restart intensity,
/// auto-shutdown, the children in start order, and an optional registered name. Checked by <see cref="Validate"/> before
/// anything starts.
/// </summary>
public sealed class SupervisorOptions
{
    /// <summary>The restart strategy; one-for-one by default.</summary>
    public Strategy Strategy { get; init; } = Strategy.OneForOne;

    /// <summary>
    /// How many restarts are allowed within <see cref="Within"/> (OTP <c>intensity</c>); one more and the supervisor
    /// terminates its children and exits with <c>shutdown</c>. 3 by default, as in Elixir (OTP's default is 1). 0 means
    /// the first restart already shuts the supervisor down.
    /// </summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>The sliding window <see cref="MaxRestarts"/> counts in (OTP <c>period</c>); 5 seconds by default.</summary>
    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the supervisor stops by itself when significant children exit; never by default.</summary>
    public AutoShutdown AutoShutdown { get; init; } = AutoShutdown.Never;

    /// <summary>The children, in start order (they stop in reverse order). Ids must be unique.</summary>
    public IReadOnlyList<ChildSpec> Children { get; init; } = Array.Empty<ChildSpec>();

    /// <summary>A unique local name to register the supervisor under, or null.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Throws <see cref="InvalidSupervisorOptionsException"/> for a bad option and <see cref="InvalidChildSpecException"/>
    /// for a bad or duplicate child spec, naming the first problem found.
    /// </summary>
    public void Validate() => ValidatedChildren();

    /// <summary>Validates and returns a snapshot of the children, so later changes to the caller's list cannot reach a running supervisor.</summary>
    internal ChildSpec[] ValidatedChildren()
    {
        if (!Enum.IsDefined(Strategy))
        {
            throw new InvalidSupervisorOptionsException(nameof(Strategy), $"{(int)Strategy} is not one-for-one, one-for-all or rest-for-one");
        }

        SupervisorOptionChecks.CheckIntensity(MaxRestarts, Within);
        SupervisorOptionChecks.CheckAutoShutdown(AutoShutdown);
        SupervisorOptionChecks.CheckName(Name);
        if (Children is null)
        {
            throw new InvalidSupervisorOptionsException(nameof(Children), "the child list is null; use an empty list for a supervisor that starts without children");
        }

        return ChildSpecChecks.Validated(Children, AutoShutdown);
    }
}
