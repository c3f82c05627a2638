using System.Diagnostics.CodeAnalysis;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>An <see cref="ORSet{T}"/> as <c>{Context, [{Element, [{Node, Counter}]}]}</c>.</summary>
internal sealed class ORSetCodec<T>(TermCodec<T> element) : CrdtCodec<ORSet<T>>
    where T : notnull
{
    private readonly KernelCodec<T, bool> _kernel = new(element, payload: null, decodePayload: null, implicitPayload: ORSet<T>.Present);

    public override object Encode(ORSet<T> value) => _kernel.Encode(value.Kernel);

    public override bool TryDecode(object term, [NotNullWhen(true)] out ORSet<T>? value, out string error)
    {
        value = null;
        if (!_kernel.TryDecode(term, out var kernel, out error))
        {
            return false;
        }

        value = ORSet<T>.Of(kernel);
        return true;
    }
}
