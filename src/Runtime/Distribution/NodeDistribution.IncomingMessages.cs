using System;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution;

/// <summary>
/// The message path of incoming frames. SEND, SEND_SENDER, REG_SEND and ALIAS_SEND — nearly every frame under load —
/// have their control tuple read field by field with the typed reader (no tuple, boxed pid or boxed atoms built for it);
/// only the payload becomes a term. Every read is the same bounds-checked reader the general path uses.
/// </summary>
internal sealed partial class NodeDistribution
{
    /// <summary>
    /// Handles <paramref name="reader"/>'s frame when it is a message of a regular shape and returns true (with an error
    /// text when it proved malformed). Anything else — another control message, a trace token, a frame without a
    /// payload — returns false before any effect, and the general path decodes, checks and answers it.
    /// </summary>
    /// <param name="connection">The connection the frame came on.</param>
    /// <param name="reader">A reader positioned after the control message's version byte (a copy: the caller's stays there).</param>
    /// <param name="error">Why the frame is malformed, or null.</param>
    private bool TryDispatchMessage(Connection connection, TermReader reader, out string? error)
    {
        error = null;
        try
        {
            if (reader.Remaining == 0 || reader.PeekTag() != TermTag.SmallTuple)
            {
                return false;
            }

            var arity = reader.ReadTupleHeader();
            if (reader.PeekTag() != TermTag.SmallInteger)
            {
                return false;
            }

            var tag = reader.ReadInt64();
            ErlangPid from = default;
            ErlangPid to = default;
            Atom name = default;
            ErlangReference alias = default;
            switch (tag)
            {
                case ControlTag.Send when arity == 3:
                    reader.ReadTerm(); // the unused field
                    to = reader.ReadPid();
                    break;
                case ControlTag.SendSender when arity == 3:
                    from = reader.ReadPid();
                    to = reader.ReadPid();
                    break;
                case ControlTag.RegSend when arity == 4:
                    from = reader.ReadPid();
                    reader.ReadTerm(); // the unused field
                    name = reader.ReadAtom();
                    break;
                case ControlTag.AliasSend when arity == 3:
                    reader.ReadPid(); // the sender, which an alias message does not need
                    alias = reader.ReadReference();
                    break;
                default:
                    return false;
            }

            if (!reader.TryReadVersion())
            {
                return false;
            }

            var payload = reader.ReadTerm();
            if (reader.Remaining != 0)
            {
                return false;
            }

            switch (tag)
            {
                case ControlTag.Send:
                    DeliverToPid(connection, Pid.None, to, payload);
                    break;
                case ControlTag.SendSender:
                    DeliverToPid(connection, FromWire(from), to, payload);
                    break;
                case ControlTag.RegSend:
                    DeliverToName(connection, FromWire(from), name, payload);
                    break;
                default:
                    DeliverToAlias(connection, alias, payload);
                    break;
            }

            return true;
        }
        catch (TermFormatException exception)
        {
            error = exception.Message;
            return true;
        }
        catch (Exception exception) when (exception is InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            error = $"bad message (control tag at the frame's start): {exception.Message}";
            return true;
        }
    }
}
