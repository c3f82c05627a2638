using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Supervision;

/// <summary>
/// The hand-over between the parts of one distributed supervisor (registered under the same name on every node):
/// <c>{arbor_handover, Id, State}</c>, State a binary.
/// </summary>
internal static class HandOverWire
{
    public static readonly Atom Tag = Atom.Of("arbor_handover");

    public static ErlangTuple Of(string id, byte[] state) => new(Tag, id, state);

    public static bool TryRead(object message, out string id, out byte[] state)
    {
        id = string.Empty;
        state = [];
        if (message is ErlangTuple { Count: 3 } tuple && tuple[0] is Atom tag && tag == Tag && GlobalNames.GlobalWire.NameOf(tuple[1]) is { } name && tuple[2] is byte[] bytes)
        {
            id = name;
            state = bytes;
            return true;
        }

        return false;
    }
}

/// <summary>Asks a distributed supervisor to stop its children and hand their state over: its node is leaving.</summary>
internal sealed class HandOverCall : Arbor.Protocol.CallMessage<bool>
{
    public override string ToString() => "hand_over";
}
