using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests;

/// <summary>
/// The generated source for representative shapes, checked in under <c>Snapshots/</c>. Each run also proves the output
/// compiles without a single warning (nullable on, XML docs diagnosed).
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Counter_from_the_contract()
    {
        var run = Generate.Clean("""
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            public sealed record Tick;
            public sealed record Warmup;

            [GenServer]
            public partial class Counter
            {
                private int _count;
                private ReplyTo<int>? _waiting;

                public Counter(int start) => _count = start;

                [Call] public int Get() => _count;
                [Call] public int Add(int by) => _count += by;
                [Call] public void Later(ReplyTo<int> reply) => _waiting = reply;
                [Call] public async ValueTask<int> SlowAsync() { await Task.Yield(); return _count; }
                [Cast] public void Reset() => _count = 0;
                [Info] public void On(Tick tick) => _count++;
                [Info] public void On(Down down) => _waiting?.Reply(-1);
                [Continue] public void After(Warmup step) { }
                [Terminate] public void Cleanup(ExitReason reason) { }
            }
            """);

        Snapshot.Match("Counter", run.Single());
    }

    [Fact]
    public void Remote_server_gets_erlang_term_codecs()
    {
        var run = Generate.Clean("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            public enum Level { Low, VeryHigh, [ErlangName("max")] Maximum }
            public sealed record Item(string Name, int Count, Level Level);

            [GenServer(Remote = true)]
            public partial class Stock
            {
                [Call] public int Get() => 0;
                [Call] public int Add(int by) => by;
                [Call] public async ValueTask<Item?> FindAsync(string name) { await Task.Yield(); return null; }
                [Call, ErlangName("all")] public IReadOnlyList<Item> List(Dictionary<string, long> filter, (int From, int To) range) => [];
                [Cast] public void Reset() { }
                [Cast] public void Put(Item item, byte[]? image) { }
            }
            """);

        Snapshot.Match("RemoteServer", run.Single());
    }

    [Fact]
    public void A_declared_protocol_interface_gets_messages_codecs_and_a_client_but_no_server()
    {
        var run = Generate.Clean("""
            using System.Collections.Generic;
            using Arbor;

            namespace Shop;

            [GenServerProtocol]
            public partial interface IKvStore
            {
                [Call] string? Get(string key);
                [Call] IReadOnlyList<string> Keys();
                [Cast] void Put(string key, string value);
            }
            """);

        Snapshot.Match("RemoteProtocolInterface", run.Single());
    }

    [Fact]
    public void Dirty_handlers_are_handed_to_the_dirty_schedulers_with_the_same_body()
    {
        var run = Generate.Clean("""
            using System.Threading;
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            public sealed record Batch(int Size);

            [GenServer]
            public partial class Indexer
            {
                private int _indexed;

                [Call(Dirty = true)] public int Rebuild(int shards) => _indexed = shards;
                [Call(Dirty = true)] public async ValueTask<int> RebuildAsync(CancellationToken cancellationToken) { await Task.Delay(1, cancellationToken); return _indexed; }
                [Call(Dirty = true)] public void Parked(ReplyTo<int> reply) => reply.Reply(_indexed);
                [Call] public int Count() => _indexed;
                [Cast(Dirty = true)] public void Compact() => _indexed = 0;
                [Cast(Dirty = true)] public void Load(string path) { }
                [Info(Dirty = true)] public void On(Batch batch) => _indexed += batch.Size;
                [Continue(Dirty = true)] public Task After(Batch batch) => Task.CompletedTask;
            }

            [GenServer(Dirty = true)]
            public partial class Crawler
            {
                [Call] public string Fetch(string url) => url;
                [Info] public void On(Batch batch) { }
            }
            """);

        Snapshot.Match("Dirty", run.GeneratedSources["Shop.Indexer.g.cs"] + run.GeneratedSources["Shop.Crawler.g.cs"]);
    }

    [Fact]
    public void Overloads_get_distinct_message_names_and_Name_overrides_the_client_name()
    {
        var run = Generate.Clean("""
            using Arbor;

            namespace Shop;

            [GenServer]
            public partial class Calculator
            {
                [Call] public int Add(int by) => by;
                [Call] public int Add(int a, int b) => a + b;
                [Call(Name = "Sum")] public int Add(int[] values) => values.Length;
                [Cast] public void Add(string label) { }
                [Cast(Name = "Clear")] public void ResetEverything() { }
            }
            """);

        Snapshot.Match("Overloads", run.Single());
    }

    [Fact]
    public void Generic_and_nullable_parameter_and_return_types()
    {
        var run = Generate.Clean("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop.Catalog;

            [GenServer]
            internal partial class Index
            {
                private readonly Dictionary<string, List<int>> _entries = new();

                public Index(IReadOnlyDictionary<string, List<int>>? seed) { }

                [Call] public Dictionary<string, List<int>> Snapshot() => _entries;
                [Call] public string? Find(string? key) => key;
                [Call] public (int Count, string? Last) Stats() => (0, null);
                [Call] public Task<IReadOnlyList<KeyValuePair<string, int?>>> PairsAsync() => Task.FromResult<IReadOnlyList<KeyValuePair<string, int?>>>(new List<KeyValuePair<string, int?>>());
                [Cast] public void Put(KeyValuePair<string, int?> pair, List<string?>? tags) { }
                [Call] public int? Count(int? atLeast) => atLeast;
            }
            """);

        Snapshot.Match("GenericsAndNullable", run.Single());
    }

    [Fact]
    public void Generic_server_with_constraints_gets_a_generic_client()
    {
        var run = Generate.Clean("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop.Caching;

            public interface IWeighted { int Weight { get; } }

            [GenServer]
            public partial class Cache<TKey, TValue, TStamp, TMeta, TNote, TEntry>
                where TKey : notnull, IComparable<TKey>
                where TValue : class?, IWeighted?
                where TStamp : struct
                where TMeta : unmanaged
                where TEntry : TValue, new()
            {
                private readonly Dictionary<TKey, TValue> _entries;

                public Cache(IEnumerable<KeyValuePair<TKey, TValue>> seed, TStamp stamp = default) => _entries = new(seed);

                [Call] public TValue? Get(TKey key) => _entries.GetValueOrDefault(key);
                [Call] public Task<TStamp?> StampAsync(TMeta meta, TNote? note = default) => Task.FromResult<TStamp?>(null);
                [Call] public void Later(TKey key, ReplyTo<List<TValue>> reply) { }
                [Cast] public void Put(TKey key, TValue value) => _entries[key] = value;
                [Cast] public void Put(TEntry entry) { }
                [Info] public void On(TKey key) { }
                [Info] public void On(object other) { }
                [Call] public CacheRef<TKey, TValue, TStamp, TMeta, TNote, TEntry> Me() => SelfRef;
            }
            """);

        Snapshot.Match("GenericServer", run.Single());
    }

    [Fact]
    public void Generic_server_nested_in_a_generic_type_with_a_type_parameter_named_T()
    {
        // The reply helpers' own type parameter must not be T here (CS0693, a warning, would break the build).
        var run = Generate.Clean("""
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            public partial class Registry<T>
                where T : class
            {
                [GenServer]
                internal sealed partial class Shard<TItem>
                    where TItem : T
                {
                    [Call] public async ValueTask<T?> FindAsync(TItem item) { await Task.Yield(); return item; }
                    [Cast] public void Add(TItem item, T? parent = null) { }
                    [Info] public void On(T message) { }
                    [Call] public ShardRef<TItem> Me() => SelfRef;
                }
            }
            """);

        Snapshot.Match("GenericNested", run.Single());
    }

    [Fact]
    public void Nested_in_partial_types_inside_a_nested_namespace()
    {
        var run = Generate.Clean("""
            using Arbor;

            namespace Shop.Billing.Internal
            {
                public static partial class Services
                {
                    internal partial struct Group
                    {
                        [GenServer]
                        internal sealed partial class Ledger
                        {
                            private long _total;

                            [Call] private long Total() => _total;
                            [Cast] private void Post(long amount) => _total += amount;
                            [Call] private LedgerRef Me() => SelfRef;
                        }
                    }
                }
            }
            """);

        Snapshot.Match("Nested", run.Single());
    }

    [Fact]
    public void Async_handlers_deferred_replies_cancellation_tokens_and_message_kinds()
    {
        var run = Generate.Clean("""
            using System.Threading;
            using System.Threading.Tasks;
            using Arbor;

            namespace Shop;

            public record Order(int Id, string Item);
            public readonly record struct Money(decimal Amount);
            public struct Point { public int X; public int Y; }
            public class Basket { public int Items { get; set; } }
            public interface IPet { }
            public class Animal { }
            public sealed class Dog : Animal, IPet { }
            public sealed record Tick;

            [GenServer]
            public partial class Orders
            {
                public Orders(Order first, Money budget, Point origin, Basket basket) { }

                [Call] public async ValueTask<Order> PlaceAsync(Order order, CancellationToken cancellationToken) { await Task.Delay(1, cancellationToken); return order; }
                [Call] public Task<Money> PriceAsync(Order order) => Task.FromResult(new Money(1));
                [Call] public ValueTask LaterAsync(Point where, ReplyTo<Point> reply) { reply.Reply(where); return default; }
                [Call] public Task LaterStillAsync(ReplyTo<Basket?> reply, CancellationToken token) => Task.CompletedTask;
                [Cast] public async ValueTask RecordAsync(Money money) => await Task.Yield();
                [Cast] public Task ForgetAsync(Basket basket) => Task.CompletedTask;
                [Info] public void On(object anything) { }
                [Info] public void On(Animal animal) { }
                [Info] public ValueTask On(Dog dog) => default;
                [Info] public Task On(IPet pet) => Task.CompletedTask;
                [Info] public void On(int number) { }
                [Info] public void On(Tick? tick) { }
                [Continue] public ValueTask Next(Order order) => default;
                [Terminate] public ValueTask StopAsync() => default;
            }
            """);

        Snapshot.Match("AsyncAndMessageKinds", run.Single());
    }

    [Fact]
    public void Global_namespace_without_constructor_or_handlers()
    {
        var run = Generate.Clean("""
            [Arbor.GenServer]
            partial class Idle
            {
            }
            """);

        Snapshot.Match("GlobalNamespaceIdle", run.Single());
    }

    [Fact]
    public void Keyword_named_parameters_and_primary_constructor()
    {
        var run = Generate.Clean("""
            using Arbor;

            namespace Shop;

            [GenServer]
            public partial class Events(string @event)
            {
                private string _last = @event;

                [Call] public string Echo(string @class, int @IsCompleted) => _last = @class + @IsCompleted;
                [Cast] public void Emit(string @event) => _last = @event;
            }
            """);

        Snapshot.Match("KeywordNames", run.Single());
    }

    [Fact]
    public void Default_values_carry_over_to_the_client_and_start_methods()
    {
        var run = Generate.Clean("""
            using System;
            using Arbor;

            namespace Shop;

            public enum Mode { Fast = 1, Safe = 2 }

            [GenServer]
            public partial class Defaults
            {
                public const int Step = 3;

                public Defaults(int start = Step, string? label = null, Mode mode = Mode.Safe) { }

                [Call] public int Add(int by = 1, long big = -5, double ratio = 0.5, float f = 1.25f, decimal m = 2.5m, char c = '\'', string s = "a\"b\n", bool flag = true) => by;
                [Call] public int Pick(Mode mode = Mode.Fast, int? maybe = null, DateTime when = default, uint u = 4000000000, ulong ul = ulong.MaxValue, double nan = double.NaN, sbyte small = -1) => 0;
                [Cast] public void Put(int first = 1, params int[] rest) { }
            }
            """);

        Snapshot.Match("DefaultValues", run.Single());
    }
}
