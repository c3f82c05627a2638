using System;
using System.Buffers;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>
/// Exit reasons as Erlang terms: the well-known reasons are their atoms, <c>{shutdown, Detail}</c> a tuple, a crash
/// <c>{exception, &lt;&lt;"Type: message"&gt;&gt;}</c>, any other reason its own term (or its text as a binary when it
/// has no term form). Coming back, unknown terms become <see cref="ExitReason.Other(object)"/>.
/// </summary>
internal static class ExitReasonTerms
{
    public static object ToTerm(ExitReason reason, Func<object, object> toWire) => reason.Kind switch
    {
        ExitKind.Normal => ControlAtoms.Normal,
        ExitKind.Shutdown when reason.Detail is null => ControlAtoms.Shutdown,
        ExitKind.Shutdown => new ErlangTuple(ControlAtoms.Shutdown, Encodable(reason.Detail!, toWire)),
        ExitKind.Kill => ControlAtoms.Kill,
        ExitKind.Killed => ControlAtoms.Killed,
        ExitKind.NoProc => ControlAtoms.NoProc,
        ExitKind.NoConnection => ControlAtoms.NoConnection,
        ExitKind.Crash => new ErlangTuple(ControlAtoms.Exception, reason.ToString()),
        _ => Encodable(reason.Detail ?? "other", toWire),
    };

    public static ExitReason FromTerm(object term)
    {
        if (term is Atom atom)
        {
            if (atom == ControlAtoms.Normal)
            {
                return ExitReason.Normal;
            }

            if (atom == ControlAtoms.Shutdown)
            {
                return ExitReason.Shutdown;
            }

            if (atom == ControlAtoms.Kill)
            {
                return ExitReason.Kill;
            }

            if (atom == ControlAtoms.Killed)
            {
                return ExitReason.Killed;
            }

            if (atom == ControlAtoms.NoProc)
            {
                return ExitReason.NoProc;
            }

            if (atom == ControlAtoms.NoConnection)
            {
                return ExitReason.NoConnection;
            }
        }

        if (term is ErlangTuple { Count: 2 } tuple && tuple[0] is Atom tag && tag == ControlAtoms.Shutdown)
        {
            return ExitReason.ShutdownWith(tuple[1]);
        }

        return ExitReason.Other(term);
    }

    /// <summary>The reason's own term if it can be encoded, else its text: an exit must never fail to go out.</summary>
    private static object Encodable(object detail, Func<object, object> toWire)
    {
        try
        {
            var wire = toWire(detail);
            new TermWriter(new ArrayBufferWriter<byte>()).Write(wire);
            return wire;
        }
        catch (ArgumentException)
        {
            return detail.ToString() ?? detail.GetType().Name;
        }
    }
}
