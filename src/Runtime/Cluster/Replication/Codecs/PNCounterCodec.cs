using System.Diagnostics.CodeAnalysis;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>A <see cref="PNCounter"/> as <c>{Increments, Decrements}</c>, each <c>[{Node, Count}]</c>.</summary>
internal sealed class PNCounterCodec : CrdtCodec<PNCounter>
{
    public override object Encode(PNCounter value) =>
        new ErlangTuple(CrdtTerms.Counts(value.Increments.Counts), CrdtTerms.Counts(value.Decrements.Counts));

    public override bool TryDecode(object term, [NotNullWhen(true)] out PNCounter? value, out string error)
    {
        value = null;
        if (!CrdtTerms.TryTuple(term, 2, "A PN-counter", out var tuple, out error) ||
            !CrdtTerms.TryCounts(tuple[0], out var increments, out error) ||
            !CrdtTerms.TryCounts(tuple[1], out var decrements, out error))
        {
            return false;
        }

        value = PNCounter.Of(GCounter.Of(increments), GCounter.Of(decrements));
        return true;
    }
}
