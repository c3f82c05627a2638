using System;

namespace Arbor.Distribution.Terms;

/// <summary>
/// An Erlang reference (<c>make_ref()</c>, monitor references, alias tags): a node, its creation and up to five 32-bit
/// id words (three for plain references, more for aliases and process-bound references). Equality compares
/// <see cref="Ids"/> by content.
/// </summary>
/// <param name="Node">The node that made the reference.</param>
/// <param name="Creation">The node incarnation.</param>
/// <param name="Ids">The id words, first word first (the first word uses 18 bits).</param>
public readonly record struct ErlangReference(Atom Node, uint Creation, uint[] Ids)
{
    /// <summary>The most id words the term format allows (OTP 24+ uses up to 5).</summary>
    public const int MaxIds = 5;

    /// <inheritdoc />
    public bool Equals(ErlangReference other) =>
        Node == other.Node && Creation == other.Creation && (Ids ?? []).AsSpan().SequenceEqual(other.Ids ?? []);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Node);
        hash.Add(Creation);
        foreach (var id in Ids ?? [])
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    /// <summary>The reference as <c>#Ref&lt;node.A.B.C&gt;</c> (Erlang prints the words last first).</summary>
    public override string ToString()
    {
        var ids = Ids ?? [];
        var words = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            words[i] = ids[ids.Length - 1 - i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return $"#Ref<{Node}.{string.Join('.', words)}>";
    }
}
