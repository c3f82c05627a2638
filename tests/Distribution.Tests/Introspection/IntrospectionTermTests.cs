using System;
using System.Collections.Generic;
using System.Linq;
using Arbor.Distribution.Terms;
using Arbor.Introspection;
using Arbor.Introspection.Remote;

namespace Arbor.Distribution.Tests.Introspection;

/// <summary>
/// The introspection service's replies as terms: what it writes reads back as the same records, and a reply of any other
/// shape (another node's word) fails with <see cref="FormatException"/> naming what is wrong, never with a half-read record.
/// </summary>
public sealed class IntrospectionTermTests
{
    private static readonly Pid Someone = new(0, 42);
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);

    private static ProcessSummary Summary(string? name = "counter") =>
        new(Someone, name, "Counter", 3, 1200, TimeSpan.FromMilliseconds(12.5), 1, 2, "call Add");

    [Fact]
    public void Every_record_reads_back_as_it_was_written()
    {
        var page = new ProcessPage(7, [Summary(), Summary(null) with { CurrentHandler = null }], At);
        var read = IntrospectionTermReader.Page(IntrospectionTerms.Page(page));
        Assert.Equal(page.Total, read.Total);
        Assert.Equal(page.Rows, read.Rows);
        Assert.Equal(page.TakenAt, read.TakenAt);

        var details = new ProcessDetails(Summary(), new Pid(0, 7), 100, true, [new Pid(0, 7)], [new Pid(0, 9), new Pid(0, 9)], 2,
            new CurrentTurn("call Add", TimeSpan.FromMilliseconds(3), false), "count = 5", new LastExit(At, "boom"));
        var readDetails = IntrospectionTermReader.Details(IntrospectionTerms.Details(details));
        var none = Array.Empty<Pid>();
        Assert.Equal(details with { LinkedWith = none, MonitoredBy = none }, readDetails with { LinkedWith = none, MonitoredBy = none });
        Assert.Equal(details.LinkedWith, readDetails.LinkedWith);
        Assert.Equal(details.MonitoredBy, readDetails.MonitoredBy);

        var nested = new SupervisorSnapshot(new Pid(0, 3), null, "Dynamic", 5, TimeSpan.FromSeconds(1), [], true) { ChildCount = 5000, ChildOffset = 100, RunningCount = 4999, TotalRestarts = 12 };
        var tree = new SupervisorSnapshot(new Pid(0, 1), "root", "OneForOne", 3, TimeSpan.FromSeconds(5),
            [new ChildSnapshot("sessions", new Pid(0, 3), ChildState.Running, ChildType.Supervisor, Restart.Permanent, 0, null, nested),
             new ChildSnapshot("cache", Pid.None, ChildState.Restarting, ChildType.Worker, Restart.Transient, 4, new LastExit(At, "crash"), null)],
            true) { ChildCount = 2, RunningCount = 1, TotalRestarts = 4 };
        var readTree = IntrospectionTermReader.Supervisor(IntrospectionTerms.Supervisor(tree));
        Assert.Equal((tree.Pid, tree.Name, tree.Strategy, tree.Within, tree.ChildCount, tree.RunningCount, tree.TotalRestarts),
            (readTree.Pid, readTree.Name, readTree.Strategy, readTree.Within, readTree.ChildCount, readTree.RunningCount, readTree.TotalRestarts));
        Assert.Equal(tree.Children[1], readTree.Children[1]);
        Assert.Equal((5000, 100, 4999), (readTree.Children[0].Supervisor!.ChildCount, readTree.Children[0].Supervisor!.ChildOffset, readTree.Children[0].Supervisor!.RunningCount));

        var counters = new NodeCounters(At, 5105, 1_000_000, 12, 40, 100, 10, 1, 50_000_000, 120_000_000, 4, 7, 1, 0);
        Assert.Equal(counters, IntrospectionTermReader.Counters(IntrospectionTerms.Counters(counters)));

        var crash = new CrashRecord(At, CrashKind.ChildTerminated, Someone, "counter", "Counter", new Pid(0, 1), "counter", "boom");
        Assert.Equal(crash, IntrospectionTermReader.Crash(IntrospectionTerms.Crash(crash)));
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "not a map", "processes" },
        { "missing total", "total" },
        { "total not an integer", "total" },
        { "total out of int range", "total" },
        { "rows not a list", "rows" },
        { "rows an improper list", "rows" },
        { "row pid not a pid", "pid" },
        { "name not UTF-8", "name" },
        { "busy time negative", "busy_us" },
        { "time out of range", "taken_at" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_reply_of_another_shape_fails_with_a_format_error_naming_the_field(string what, string field)
    {
        var good = (ErlangMap)IntrospectionTerms.Page(new ProcessPage(1, [Summary()], At));
        var term = what switch
        {
            "not a map" => (object)new ErlangTuple(Atom.Of("processes")),
            "missing total" => Without(good, "total"),
            "total not an integer" => With(good, "total", "many"),
            "total out of int range" => With(good, "total", long.MaxValue),
            "rows not a list" => With(good, "rows", Atom.Of("none")),
            "rows an improper list" => With(good, "rows", new ErlangList([Row(Summary())], Atom.Of("tail"))),
            "row pid not a pid" => With(good, "rows", new ErlangList([With(Row(Summary()), "pid", 42L)])),
            "name not UTF-8" => With(good, "rows", new ErlangList([With(Row(Summary()), "name", new byte[] { 0xC3, 0x28 })])),
            "busy time negative" => With(good, "rows", new ErlangList([With(Row(Summary()), "busy_us", -1L)])),
            "time out of range" => With(good, "taken_at", long.MaxValue),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var error = Assert.Throws<FormatException>(() => IntrospectionTermReader.Page(term));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_nested_deeper_than_any_real_one_is_refused()
    {
        var empty = (ErlangMap)IntrospectionTerms.Supervisor(new SupervisorSnapshot(Someone, null, "OneForOne", 1, TimeSpan.FromSeconds(1), [], true));
        var withChild = (ErlangMap)IntrospectionTerms.Supervisor(new SupervisorSnapshot(Someone, null, "OneForOne", 1, TimeSpan.FromSeconds(1),
            [new ChildSnapshot("c", Someone, ChildState.Running, ChildType.Supervisor, Restart.Permanent, 0, null, null)], true));
        var child = (ErlangMap)((ErlangList)withChild.Pairs.Single(p => p.Key.Equals(Atom.Of("children"))).Value).Elements[0];
        object deepest = empty;
        for (var i = 0; i < 100; i++)
        {
            deepest = With(withChild, "children", new ErlangList([With(child, "supervisor", deepest)]));
        }

        Assert.Contains("deeper", Assert.Throws<FormatException>(() => IntrospectionTermReader.Supervisor(deepest)).Message, StringComparison.Ordinal);
    }

    private static ErlangMap Row(ProcessSummary summary) => (ErlangMap)IntrospectionTerms.Summary(summary);

    private static ErlangMap Without(ErlangMap map, string key) => new(map.Pairs.Where(p => !p.Key.Equals(Atom.Of(key))));

    private static ErlangMap With(ErlangMap map, string key, object value) =>
        new(Without(map, key).Pairs.Append(new KeyValuePair<object, object>(Atom.Of(key), value)));
}
