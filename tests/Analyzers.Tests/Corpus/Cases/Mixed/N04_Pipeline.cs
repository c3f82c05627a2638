// Negative: producer and consumer servers linked through clients; results replied as snapshots.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.N04;

public sealed record Item(int Id, string Body);

[GenServer]
public partial class Consumer
{
    private readonly List<Item> _seen = new();

    [Cast] public void Take(Item item) => _seen.Add(item);
    [Call] public IReadOnlyList<int> Ids() => _seen.Select(i => i.Id).ToArray();
}

[GenServer]
public partial class Producer
{
    private readonly ConsumerRef _consumer;
    private int _next;

    public Producer(ConsumerRef consumer) => _consumer = consumer;

    [Call]
    public async ValueTask<int> Produce(int count)
    {
        for (var i = 0; i < count; i++) _consumer.Take(new Item(_next++, "payload"));
        var ids = await _consumer.IdsAsync();
        return ids.Count;
    }
}

public static class App
{
    public static ChildSpec[] Children(ConsumerRef consumer) => new[] { Consumer.ChildSpec(name: "consumer"), Producer.ChildSpec(consumer) };
}
