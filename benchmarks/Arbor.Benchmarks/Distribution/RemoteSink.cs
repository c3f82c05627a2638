using System.Threading.Tasks;
using Arbor.Distribution;

namespace Arbor.Benchmarks.Distribution;

/// <summary>The Arbor twin of <c>arbor_remote_bench</c>'s sink: counts remote casts, answers every remote call with the count.</summary>
internal sealed class RemoteSink : GenServer
{
    private long _count;

    protected override ValueTask HandleInfoAsync(object message)
    {
        switch (message)
        {
            case RemoteCast:
                _count++;
                break;
            case RemoteCall call:
                call.Reply(_count);
                break;
        }

        return default;
    }
}
