using Arbor.Cluster.Replication;

namespace Arbor.Cluster.Tests.Replication;

/// <summary>What each CRDT means: the outcome of concurrent operations, removes without tombstones, compact contexts.</summary>
public sealed class CrdtSemanticsTests
{
    private const string A = "a@h";
    private const string B = "b@h";

    [Fact]
    public void A_pn_counter_counts_every_replicas_increments_and_decrements()
    {
        var a = PNCounter.Empty;
        var b = PNCounter.Empty;
        a = a.Apply(s => s.IncrementDelta(A, 5));
        b = b.Apply(s => s.IncrementDelta(B, 3)).Apply(s => s.DecrementDelta(B, 4));
        a = a.Apply(s => s.DecrementDelta(A));

        Assert.Equal(4, a.Value);
        Assert.Equal(-1, b.Value);
        Assert.Equal(3, a.Join(b).Value);
        Assert.Equal(a.Join(b), b.Join(a));
        Assert.Same(a, a.Join(PNCounter.Empty));
        Assert.Same(PNCounter.Empty, a.IncrementDelta(A, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GCounter.Empty.IncrementDelta(A, -1));
    }

    [Fact]
    public void An_increment_delta_carries_the_replicas_new_count_so_a_lost_delta_is_covered_by_the_next()
    {
        var a = GCounter.Empty.Apply(s => s.IncrementDelta(A, 2), out var first);
        a = a.Apply(s => s.IncrementDelta(A, 3), out var second);
        Assert.Equal(5, a.Value);
        Assert.Equal(5, second.Counts[A]);

        Assert.Equal(5, GCounter.Empty.Join(second).Value); // first was lost: second still carries A's total
        Assert.Equal(5, GCounter.Empty.Join(second).Join(first).Value);
    }

    [Fact]
    public void An_or_set_add_concurrent_with_a_remove_wins_and_an_observed_add_is_removed()
    {
        var a = ORSet<string>.Empty;
        a = a.Apply(s => s.AddDelta(A, "x")).Apply(s => s.AddDelta(A, "y"));
        var b = ORSet<string>.Empty.Join(a);

        var removeX = a.RemoveDelta("x");
        a = a.Join(removeX).Join(a.RemoveDelta("y"));
        var addX = b.AddDelta(B, "x"); // concurrent with the remove: b never saw it
        b = b.Join(addX);

        var merged = a.Join(b);
        Assert.True(merged.Contains("x"));
        Assert.False(merged.Contains("y"));
        Assert.Equal(merged, b.Join(a));
        Assert.Single(merged.DotsOf("x"));

        // The remove that has seen both adds removes the element everywhere.
        var removeAll = merged.RemoveDelta("x");
        Assert.False(merged.Join(removeAll).Contains("x"));
        Assert.False(b.Join(removeAll).Join(a).Contains("x"));
    }

    [Fact]
    public void Removes_leave_no_tombstones_only_a_compact_context()
    {
        var a = ORSet<int>.Empty;
        for (var i = 0; i < 100; i++)
        {
            a = a.Apply(s => s.AddDelta(A, i));
        }

        a = a.Apply(s => s.ClearDelta());
        Assert.Equal(0, a.Count);
        Assert.Equal(100, a.Context.Vector[A]);
        Assert.Empty(a.Context.Cloud);
    }

    [Fact]
    public void A_causal_context_keeps_out_of_order_dots_in_its_cloud_until_they_are_contiguous()
    {
        var context = CausalContext.Of([new Dot(A, 3), new Dot(A, 1)]);
        Assert.Equal(1, context.Vector[A]);
        Assert.Equal([new Dot(A, 3)], context.Cloud);
        Assert.False(context.Contains(new Dot(A, 2)));
        Assert.Equal(new Dot(A, 4), context.NextDot(A));

        var filled = context.Join(CausalContext.Of([new Dot(A, 2)]));
        Assert.Equal(3, filled.Vector[A]);
        Assert.Empty(filled.Cloud);
        Assert.Same(filled, filled.Join(context));
        Assert.Equal(filled, CausalContext.Of([new Dot(A, 2), new Dot(A, 3), new Dot(A, 1)]));
    }

    [Fact]
    public void An_lww_map_write_replaces_what_its_replica_saw_whatever_the_clocks_say()
    {
        var a = LwwMap<string, string>.Empty;
        a = a.Apply(s => s.SetDelta(A, "k", "first", timestamp: 1_000));
        var b = LwwMap<string, string>.Empty.Join(a);
        b = b.Apply(s => s.SetDelta(B, "k", "second", timestamp: 10)); // B's clock is behind, but B saw "first"

        Assert.True(a.Join(b).TryGetValue("k", out var value));
        Assert.Equal("second", value);
    }

    [Fact]
    public void Concurrent_lww_writes_resolve_by_timestamp_then_replica_on_every_replica()
    {
        var a = LwwMap<string, long>.Empty;
        var b = LwwMap<string, long>.Empty;
        a = a.Apply(s => s.SetDelta(A, "later", 1, timestamp: 20)).Apply(s => s.SetDelta(A, "tie", 1, timestamp: 5));
        b = b.Apply(s => s.SetDelta(B, "later", 2, timestamp: 10)).Apply(s => s.SetDelta(B, "tie", 2, timestamp: 5));

        foreach (var merged in new[] { a.Join(b), b.Join(a) })
        {
            Assert.True(merged.TryGetValue("later", out var later));
            Assert.Equal(1, later);
            Assert.True(merged.TryGetValue("tie", out var tie));
            Assert.Equal(2, tie); // equal timestamps: the larger replica id ("b@h") wins
            Assert.Equal(2, merged.Count);
        }

        var removed = a.Join(b);
        removed = removed.Apply(s => s.RemoveDelta("tie"));
        Assert.False(removed.ContainsKey("tie"));
        Assert.Equal([new KeyValuePair<string, long>("later", 1)], removed.Entries);
    }

    [Fact]
    public void A_remove_of_an_absent_key_is_the_empty_delta_and_changes_nothing()
    {
        var map = LwwMap<string, long>.Empty;
        map = map.Apply(s => s.SetDelta(A, "k", 1));
        Assert.Same(LwwMap<string, long>.Empty, map.RemoveDelta("missing"));
        Assert.Same(map, map.Join(map.RemoveDelta("missing")));
        Assert.Same(ORSet<string>.Empty, ORSet<string>.Empty.RemoveDelta("x"));
    }
}
