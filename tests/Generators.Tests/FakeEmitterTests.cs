using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests;

/// <summary>The generated fakes: every server gets one, a generic server a generic one with its constraints restated.</summary>
public sealed class FakeEmitterTests
{
    [Fact]
    public void A_generic_server_gets_a_generic_fake_that_restates_its_constraints_and_compiles()
    {
        var generated = Generate.Clean("""
            using System;
            using Arbor;

            namespace Shop;

            [GenServer]
            public partial class Shelf<TKey, TValue>
                where TKey : notnull, IComparable<TKey>
                where TValue : class
            {
                [Call] public TValue? Take(TKey key) => null;
                [Cast] public void Put(TKey key, TValue value) { }
            }
            """).Single();

        Assert.Contains("public sealed partial class ShelfFake<TKey, TValue> : global::Arbor.Fakes.FakeServer", generated);
        Assert.Contains("    where TKey : notnull, global::System.IComparable<TKey>", generated);
        Assert.Contains("public global::System.Func<TKey, TValue?>? TakeCall { get; set; }", generated);
        Assert.Contains("public global::System.Action<TKey, TValue>? PutCast { get; set; }", generated);
        Assert.Contains("global::System.Threading.Tasks.ValueTask<ShelfRef<TKey, TValue>> StartAsync(", generated);
        Assert.Contains("case global::Shop.Shelf<TKey, TValue>.ArborMessages.TakeCall request:", generated);
    }
}
