using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;

namespace Arbor.Runtime.Tests.Support;

internal sealed class GetCount : CallMessage<int>
{
}

internal sealed class AddCount : CallMessage<int>
{
    public AddCount(int by) => By = by;

    public int By { get; }
}

internal sealed class Increment : CastMessage
{
}

/// <summary>A hand-written GenServer: the shape the generator emits.</summary>
internal sealed class CounterServer : GenServer
{
    private int _count;

    public CounterServer(int start) => _count = start;

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        switch (call)
        {
            case GetCount get:
                Reply(get, _count);
                return default;
            case AddCount add:
                Reply(add, _count += add.By);
                return default;
            default:
                return base.HandleCallAsync(call);
        }
    }

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is Increment)
        {
            _count++;
            return default;
        }

        return base.HandleCastAsync(cast);
    }
}
