using System.Diagnostics.CodeAnalysis;
using Arbor.Distribution.Terms;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Cluster.Replication.Codecs;

/// <summary>An <see cref="LwwMap{TKey, TValue}"/> as <c>{Context, [{Key, [{Node, Counter, {Timestamp, Value}}]}]}</c>.</summary>
internal sealed class LwwMapCodec<TKey, TValue> : CrdtCodec<LwwMap<TKey, TValue>>
    where TKey : notnull
{
    private readonly TermCodec<TValue> _value;
    private readonly KernelCodec<TKey, LwwValue<TValue>> _kernel;

    public LwwMapCodec(TermCodec<TKey> key, TermCodec<TValue> value)
    {
        _value = value;
        _kernel = new(key, stamped => new ErlangTuple(stamped.Timestamp, _value.Encode(stamped.Value)), TryStamped, default);
    }

    public override object Encode(LwwMap<TKey, TValue> value) => _kernel.Encode(value.Kernel);

    public override bool TryDecode(object term, [NotNullWhen(true)] out LwwMap<TKey, TValue>? value, out string error)
    {
        value = null;
        if (!_kernel.TryDecode(term, out var kernel, out error))
        {
            return false;
        }

        value = LwwMap<TKey, TValue>.Of(kernel);
        return true;
    }

    private bool TryStamped(object term, out LwwValue<TValue> stamped, out string error)
    {
        stamped = default;
        if (!CrdtTerms.TryTuple(term, 2, "A stamped value", out var tuple, out error))
        {
            return false;
        }

        if (!TermDecoding.TryInt64(tuple[0], out var timestamp))
        {
            error = $"A timestamp must be a 64-bit integer: {CrdtTerms.Describe(tuple[0])}.";
            return false;
        }

        if (!_value.TryDecode(tuple[1], out var decoded))
        {
            error = $"A value is not a {_value.Name}: {CrdtTerms.Describe(tuple[1])}.";
            return false;
        }

        stamped = new LwwValue<TValue>(timestamp, decoded);
        return true;
    }
}
