using System.Collections.Generic;

namespace Arbor;

/// <summary>Which children a strategy restarts together when one of them has to be restarted.</summary>
internal static class StrategyGroups
{
    /// <summary>
    /// The group, in start order: the child alone (one_for_one), every child (one_for_all), or the child and every child
    /// started after it (rest_for_one).
    /// </summary>
    public static List<ChildRecord> RestartedWith(Strategy strategy, ChildRecord child, ChildTable children) => strategy switch
    {
        Strategy.OneForAll => children.All(),
        Strategy.RestForOne => children.FromOnwards(child),
        _ => new List<ChildRecord> { child },
    };
}
