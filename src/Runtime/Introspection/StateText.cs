using System;

namespace Arbor.Introspection;

/// <summary>A process's state as its server describes it, for display: bounded, and never throwing.</summary>
internal static class StateText
{
    public static string Of(ProcessBehavior behavior)
    {
        try
        {
            return GuardedText.Bound(behavior.DescribeState());
        }
        catch (Exception exception)
        {
            return $"(describing the state threw {exception.GetType().Name})";
        }
    }
}
