using System;
using Microsoft.Extensions.Logging;

namespace Arbor.Cluster.GlobalNames;

/// <summary>
/// Picks the holder of a name registered twice: the user's <see cref="GlobalNameResolver"/> when one is configured,
/// guarded (a throwing or nonsensical resolver falls back to the default rule and is logged), else the default rule
/// (<see cref="GlobalRegistration.WinsOver"/>). The two registrations are always passed in one canonical order, so every
/// node asks the same question.
/// </summary>
internal sealed class ConflictRule(GlobalNameResolver? resolver, ILogger logger)
{
    /// <summary>The registration among <paramref name="x"/> and <paramref name="y"/> that keeps the name.</summary>
    public GlobalRegistration Winner(GlobalRegistration x, GlobalRegistration y)
    {
        var (first, second) = Canonical(x, y);
        var fallback = first.WinsOver(second) ? first : second;
        if (resolver is null)
        {
            return fallback;
        }

        try
        {
            var chosen = resolver(first, second);
            if (chosen == first)
            {
                return first;
            }

            if (chosen == second)
            {
                return second;
            }

            logger.LogError("The global name resolver returned {Chosen} for {Name}, neither of the two registrations; the earlier registration wins", chosen, first.Name);
        }
        catch (Exception exception)
        {
            // User code: its failure must not stop the registry; the default rule still picks exactly one.
            logger.LogError(exception, "The global name resolver failed for {Name}; the earlier registration wins", first.Name);
        }

        return fallback;
    }

    /// <summary>Ordered by owner node, then stamp: the same order on every node.</summary>
    private static (GlobalRegistration First, GlobalRegistration Second) Canonical(GlobalRegistration x, GlobalRegistration y)
    {
        var byOwner = string.CompareOrdinal(x.Owner, y.Owner);
        return byOwner < 0 || (byOwner == 0 && x.Stamp <= y.Stamp) ? (x, y) : (y, x);
    }
}
