using System.Diagnostics.CodeAnalysis;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>A <see cref="GCounter"/> as <c>[{Node, Count}]</c>.</summary>
internal sealed class GCounterCodec : CrdtCodec<GCounter>
{
    public override object Encode(GCounter value) => CrdtTerms.Counts(value.Counts);

    public override bool TryDecode(object term, [NotNullWhen(true)] out GCounter? value, out string error)
    {
        value = null;
        if (!CrdtTerms.TryCounts(term, out var counts, out error))
        {
            return false;
        }

        value = GCounter.Of(counts);
        return true;
    }
}
