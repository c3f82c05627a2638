using System;
using Arbor.Protocol;

namespace Arbor.Scheduling;

/// <summary>
/// Names the handler a turn is running from the message it handles, for long-turn reports. Uses type names only: the
/// watchdog runs on the timer thread and must not run user code (a message's <c>ToString</c>) there.
/// </summary>
internal static class HandlerNames
{
    /// <summary>The handler for <paramref name="envelope"/> (null: the turn is in init or in the exit path).</summary>
    public static string Of(Envelope? envelope, bool initialised)
    {
        if (envelope is null)
        {
            return initialised ? "exit handling" : "init";
        }

        return envelope.Kind switch
        {
            EnvelopeKind.Call => "call " + RequestName(envelope.GetType(), "Call"),
            EnvelopeKind.Cast => "cast " + RequestName(envelope.GetType(), "Cast"),
            EnvelopeKind.Info when envelope is InfoEnvelope info => "info " + TypeName(info.Message.GetType()),
            EnvelopeKind.IdleTimeout => "info " + nameof(IdleTimeout),
            EnvelopeKind.TrappedExit => "info " + nameof(Exited),
            _ => "exit signal",
        };
    }

    /// <summary>The behaviour's type name, as a report shows the server.</summary>
    public static string ServerOf(Process process) => process.Behavior is { } behavior ? TypeName(behavior.GetType()) : "not initialised";

    /// <summary>
    /// A generated request class is named after its handler plus the kind (<c>AddCall</c>, <c>AddCall_2</c> for a second
    /// overload), nested in the server's <c>ArborMessages</c>; a hand-written one is shown by its own name.
    /// </summary>
    private static string RequestName(Type type, string kind)
    {
        var name = type.Name;
        if (type.DeclaringType is not { Name: "ArborMessages" })
        {
            return TypeName(type);
        }

        var suffix = name.LastIndexOf(kind, StringComparison.Ordinal);
        return suffix > 0 ? name[..suffix] : name;
    }

    private static string TypeName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick > 0 ? name[..tick] : name;
    }
}
