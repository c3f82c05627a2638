using System;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// Settings of a dynamic supervisor (Elixir <c>DynamicSupervisor</c>, OTP <c>simple_one_for_one</c>): it starts with no
/// children and starts them at run time, restarting each one-for-one.
/// </summary>
public sealed class DynamicSupervisorOptions
{
    /// <summary>How many restarts are allowed within <see cref="Within"/>; one more and the supervisor shuts down. 3 by default.</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>The sliding window <see cref="MaxRestarts"/> counts in; 5 seconds by default.</summary>
    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most children it holds at once (running or being restarted); null for no limit.</summary>
    public int? MaxChildren { get; init; }

    /// <summary>
    /// Arguments put first in every child's <see cref="ChildStartContext.ExtraArguments"/> (Elixir <c>extra_arguments</c>);
    /// the arguments of <see cref="DynamicSupervisorRef.StartChildAsync(IReadOnlyList{object}, TimeSpan?, System.Threading.CancellationToken)"/> follow them.
    /// </summary>
    public IReadOnlyList<object?> ExtraArguments { get; init; } = Array.Empty<object?>();

    /// <summary>
    /// The one spec children are started from when <c>StartChildAsync</c> is given only arguments (OTP
    /// <c>simple_one_for_one</c>); null when every start brings its own spec.
    /// </summary>
    public ChildSpec? ChildTemplate { get; init; }

    /// <summary>A unique local name to register the supervisor under, or null.</summary>
    public string? Name { get; init; }

    /// <summary>Throws <see cref="InvalidSupervisorOptionsException"/> or <see cref="InvalidChildSpecException"/> naming the first problem found.</summary>
    public void Validate()
    {
        SupervisorOptionChecks.CheckIntensity(MaxRestarts, Within);
        if (MaxChildren is < 0)
        {
            throw new InvalidSupervisorOptionsException(nameof(MaxChildren), $"{MaxChildren} is negative; use null for no limit");
        }

        if (ExtraArguments is null)
        {
            throw new InvalidSupervisorOptionsException(nameof(ExtraArguments), "the list is null; use an empty list for none");
        }

        SupervisorOptionChecks.CheckName(Name);
        if (ChildTemplate is { } template)
        {
            CheckChild(template);
        }
    }

    /// <summary>A dynamic child's spec: valid, and not significant (a dynamic supervisor has no auto-shutdown).</summary>
    internal static void CheckChild(ChildSpec spec)
    {
        spec.Validate();
        if (spec.Significant)
        {
            throw new InvalidChildSpecException(spec.Id, "a dynamic supervisor has no auto-shutdown, so its children cannot be significant");
        }
    }
}
