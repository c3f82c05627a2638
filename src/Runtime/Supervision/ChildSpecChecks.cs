using System;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// The rules for the child specs of one static supervisor, in one place: each spec valid on its own, allowed under the
/// supervisor's auto-shutdown, and ids unique. Used when a supervisor starts, when a nested supervisor's spec is made,
/// by <c>StartChildAsync</c> and by <see cref="Supervisor.CheckChildSpecs"/>.
/// </summary>
internal static class ChildSpecChecks
{
    /// <summary>
    /// Checks <paramref name="specs"/> as the children of one supervisor and returns a snapshot of them, so later changes
    /// to the caller's list cannot reach a running supervisor. Throws naming the first problem found.
    /// </summary>
    /// <param name="specs">The children in start order.</param>
    /// <param name="autoShutdown">The supervisor's auto-shutdown; null leaves out the check that depends on it (OTP <c>check_childspecs/1</c>).</param>
    public static ChildSpec[] Validated(IReadOnlyList<ChildSpec> specs, AutoShutdown? autoShutdown)
    {
        var children = new ChildSpec[specs.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < children.Length; i++)
        {
            var spec = specs[i] ?? throw new InvalidSupervisorOptionsException(nameof(SupervisorOptions.Children), $"the child at position {i} is null");
            spec.Validate();
            if (autoShutdown is { } mode)
            {
                CheckAllowedHere(spec, mode);
            }

            if (!ids.Add(spec.Id))
            {
                throw new InvalidChildSpecException(spec.Id, "another child of this supervisor has the same id; ids must be unique");
            }

            children[i] = spec;
        }

        return children;
    }

    /// <summary>The checks a spec needs beyond <see cref="ChildSpec.Validate"/> that depend on the supervisor (OTP <c>bad_combination</c>).</summary>
    public static void CheckAllowedHere(ChildSpec spec, AutoShutdown autoShutdown)
    {
        if (spec.Significant && autoShutdown == AutoShutdown.Never)
        {
            throw new InvalidChildSpecException(
                spec.Id,
                "it is significant but the supervisor's AutoShutdown is Never; set AutoShutdown to AnySignificant or AllSignificant, or drop Significant");
        }
    }
}
