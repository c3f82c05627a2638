using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Benchmarks.Servers;

/// <summary>A cast that carries an argument, as real casts do.</summary>
public sealed class Bump : CastMessage
{
    public Bump(int amount) => Amount = amount;

    public int Amount { get; }
}

/// <summary>Asks for the running total.</summary>
public sealed class Total : CallMessage<long>
{
}

/// <summary>Adds up casts; answers the total. The shape the generator emits for a two-handler server.</summary>
public sealed class Accumulator : GenServer
{
    private long _total;

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is Bump bump)
        {
            _total += bump.Amount;
            return default;
        }

        return base.HandleCastAsync(cast);
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is Total total)
        {
            Reply(total, _total);
            return default;
        }

        return base.HandleCallAsync(call);
    }
}
