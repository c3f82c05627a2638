using System.Collections.Generic;
using System.Linq;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor;

namespace Arbor.Supervision.Tests.Support;

/// <summary>A worker finished init and is running.</summary>
internal sealed record Started(string Id, Pid Pid, int Generation, IReadOnlyList<object?> Arguments)
{
    public override string ToString() => $"started {Id}#{Generation}";
}

/// <summary>A worker's terminate hook began (it then exits, unless its plan holds it back).</summary>
internal sealed record Terminating(string Id, Pid Pid, int Generation, ExitReason Reason)
{
    public override string ToString() => $"terminating {Id}#{Generation} ({Reason})";
}

/// <summary>A worker's init began (written before its plan decides how init ends).</summary>
internal sealed record InitBegan(string Id, int Generation)
{
    public override string ToString() => $"init {Id}#{Generation}";
}

/// <summary>
/// Everything the workers of one test report, in the order it happened, so a test awaits the event it expects instead
/// of sleeping, and can check the exact order of starts and stops.
/// </summary>
internal sealed class EventLog
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    public void Write(object @event) => _events.Writer.TryWrite(@event);

    public WorkerPlan Plan(string id) => new(id, this);

    /// <summary>The next event.</summary>
    public async Task<object> NextAsync() => await _events.Reader.ReadAsync().AsTask().Within();

    /// <summary>The next <paramref name="count"/> events, rendered, skipping init notices (for order assertions).</summary>
    public async Task<string[]> TakeAsync(int count)
    {
        var taken = new List<string>();
        while (taken.Count < count)
        {
            var next = await NextAsync();
            if (next is not InitBegan)
            {
                taken.Add(next.ToString()!);
            }
        }

        return taken.ToArray();
    }

    /// <summary>Skips events until one of type <typeparamref name="T"/> matches.</summary>
    public async Task<T> WaitForAsync<T>(System.Func<T, bool>? match = null)
    {
        while (true)
        {
            if (await NextAsync() is T found && (match is null || match(found)))
            {
                return found;
            }
        }
    }

    public Task<Started> StartedAsync(string id, int generation) => WaitForAsync<Started>(s => s.Id == id && s.Generation == generation);

    /// <summary>Events already written and not yet read.</summary>
    public List<object> Pending()
    {
        var pending = new List<object>();
        while (_events.Reader.TryRead(out var next))
        {
            pending.Add(next);
        }

        return pending;
    }

    public List<string> PendingRendered() => Pending().Where(e => e is not InitBegan).Select(e => e.ToString()!).ToList();
}
