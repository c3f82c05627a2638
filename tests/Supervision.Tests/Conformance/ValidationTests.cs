using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;
using Arbor.Supervision.Tests.Support;

namespace Arbor.Supervision.Tests.Conformance;

/// <summary>Every bad option or spec is rejected with a specific error before anything starts.</summary>
public sealed class ValidationTests
{
    private static SupervisorOptions BadOptions(string @case, EventLog log) => @case switch
    {
        "negative max restarts" => new SupervisorOptions { MaxRestarts = -1 },
        "zero period" => new SupervisorOptions { Within = TimeSpan.Zero },
        "negative period" => new SupervisorOptions { Within = TimeSpan.FromSeconds(-1) },
        "unknown strategy" => new SupervisorOptions { Strategy = (Strategy)42 },
        "unknown auto-shutdown" => new SupervisorOptions { AutoShutdown = (AutoShutdown)42 },
        "blank name" => new SupervisorOptions { Name = " " },
        "null child list" => new SupervisorOptions { Children = null! },
        "null child" => new SupervisorOptions { Children = new[] { log.Plan("ok").Spec(), null! } },
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    [Theory]
    [InlineData("negative max restarts", "MaxRestarts")]
    [InlineData("zero period", "Within")]
    [InlineData("negative period", "Within")]
    [InlineData("unknown strategy", "Strategy")]
    [InlineData("unknown auto-shutdown", "AutoShutdown")]
    [InlineData("blank name", "Name")]
    [InlineData("null child list", "Children")]
    [InlineData("null child", "Children")]
    public async Task A_bad_option_is_named_and_nothing_starts(string @case, string option)
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var bad = BadOptions(@case, log);
        var error = Assert.Throws<InvalidSupervisorOptionsException>(() => { _ = node.StartSupervisorAsync(bad); });
        Assert.Equal(option, error.Option);
        Assert.Contains(option, error.Message);
        Assert.Throws<InvalidSupervisorOptionsException>(() => Supervisor.ChildSpec("nested", bad));
        Assert.Equal(0, node.ProcessCount);
        Assert.Empty(log.Pending());
        await Task.CompletedTask;
    }

    private static ChildSpec[] BadSpecs(string @case, EventLog log)
    {
        var good = log.Plan("a").Spec();
        var x = log.Plan("x").Spec();
        return @case switch
        {
            "duplicate id" => new[] { good, log.Plan("b").Spec(), log.Plan("a").Spec() },
            "empty id" => new[] { good, x with { Id = "" } },
            "no start function" => new[] { good, x with { Start = null! } },
            "unknown restart type" => new[] { good, x with { Restart = (Restart)9 } },
            "unknown child type" => new[] { good, x with { Type = (ChildType)9 } },
            "significant permanent" => new[] { good, x with { Significant = true } },
            "default shutdown" => new[] { good, x with { Shutdown = default(Shutdown) } },
            "significant without auto-shutdown" => new[] { good, log.Plan("x").Spec(Restart.Temporary, significant: true) },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
    }

    /// <summary>Each bad spec case, the id the error names, and words of the problem it states.</summary>
    public static TheoryData<string, string, string> BadSpecCases => new()
    {
        { "duplicate id", "a", "same id" },
        { "empty id", "", "non-empty" },
        { "no start function", "x", "start function" },
        { "unknown restart type", "x", "restart type" },
        { "unknown child type", "x", "child type" },
        { "significant permanent", "x", "transient or temporary" },
        { "default shutdown", "x", "shutdown timeout" },
        { "significant without auto-shutdown", "x", "AutoShutdown" },
    };

    [Theory]
    [MemberData(nameof(BadSpecCases))]
    public async Task A_bad_child_spec_is_named_and_no_child_starts(string @case, string id, string problem)
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var children = BadSpecs(@case, log);
        var error = Assert.Throws<InvalidChildSpecException>(() => { _ = node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), children); });
        Assert.Equal(id, error.ChildId);
        Assert.Contains(problem, error.Message);
        Assert.Equal(0, node.ProcessCount);
        Assert.Empty(log.Pending());
        await Task.CompletedTask;
    }

    // OTP check_childspecs: the same rules as a supervisor's start-up, answered without starting anything.
    [Theory]
    [MemberData(nameof(BadSpecCases))]
    public void Check_child_specs_returns_the_error_a_supervisor_would_throw_and_starts_nothing(string @case, string id, string problem)
    {
        var log = new EventLog();
        var error = Supervisor.CheckChildSpecs(BadSpecs(@case, log), AutoShutdown.Never);
        Assert.NotNull(error);
        Assert.Equal(id, error.ChildId);
        Assert.Contains(problem, error.Problem);
        Assert.Empty(log.Pending());
    }

    [Fact]
    public void Check_child_specs_names_the_first_invalid_spec()
    {
        var log = new EventLog();
        var x = log.Plan("x").Spec();
        var error = Supervisor.CheckChildSpecs(new[] { log.Plan("a").Spec(), x with { Restart = (Restart)9 }, x with { Id = "" } });
        Assert.Equal("x", error?.ChildId);
        Assert.Contains("restart type", error?.Problem);
    }

    [Fact]
    public void Check_child_specs_accepts_valid_specs_and_checks_significance_only_against_a_given_auto_shutdown()
    {
        var log = new EventLog();
        var significant = log.Plan("s").Spec(Restart.Transient, significant: true);
        var specs = new[] { log.Plan("a").Spec(), significant };

        Assert.Null(Supervisor.CheckChildSpecs(Array.Empty<ChildSpec>()));
        Assert.Null(Supervisor.CheckChildSpecs(specs));
        Assert.Null(Supervisor.CheckChildSpecs(specs, AutoShutdown.AnySignificant));
        Assert.Null(Supervisor.CheckChildSpecs(specs, AutoShutdown.AllSignificant));
        var notAllowed = Supervisor.CheckChildSpecs(specs, AutoShutdown.Never);
        Assert.Equal("s", notAllowed?.ChildId);
        Assert.Contains("AutoShutdown", notAllowed?.Problem);
        Assert.Empty(log.Pending());
    }

    [Fact]
    public void Check_child_specs_throws_for_a_list_it_cannot_read()
    {
        var log = new EventLog();
        Assert.Throws<ArgumentNullException>(() => Supervisor.CheckChildSpecs(null!));
        Assert.Equal("Children", Assert.Throws<InvalidSupervisorOptionsException>(() => Supervisor.CheckChildSpecs(new[] { log.Plan("a").Spec(), null! })).Option);
        Assert.Equal("AutoShutdown", Assert.Throws<InvalidSupervisorOptionsException>(() => Supervisor.CheckChildSpecs(new[] { log.Plan("a").Spec() }, (AutoShutdown)42)).Option);
    }

    [Fact]
    public void A_bad_shutdown_timeout_is_rejected_where_it_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shutdown.After(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shutdown.After(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void A_nested_supervisor_spec_is_checked_when_it_is_made()
    {
        var log = new EventLog();
        Assert.Throws<InvalidChildSpecException>(() => Supervisor.ChildSpec("nested", new SupervisorOptions { Children = new[] { log.Plan("a").Spec(), log.Plan("a").Spec() } }));
        Assert.Throws<InvalidChildSpecException>(() => Supervisor.ChildSpec(" ", new SupervisorOptions()));
        Assert.Throws<InvalidChildSpecException>(() => Supervisor.ChildSpec("nested", new SupervisorOptions(), Restart.Permanent, significant: true));
    }

    private static DynamicSupervisorOptions BadDynamicOptions(string option) => option switch
    {
        "MaxRestarts" => new DynamicSupervisorOptions { MaxRestarts = -3 },
        "Within" => new DynamicSupervisorOptions { Within = TimeSpan.Zero },
        "MaxChildren" => new DynamicSupervisorOptions { MaxChildren = -1 },
        "ExtraArguments" => new DynamicSupervisorOptions { ExtraArguments = null! },
        "Name" => new DynamicSupervisorOptions { Name = "" },
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    [Theory]
    [InlineData("MaxRestarts")]
    [InlineData("Within")]
    [InlineData("MaxChildren")]
    [InlineData("ExtraArguments")]
    [InlineData("Name")]
    public async Task A_bad_dynamic_option_is_named(string option)
    {
        await using var node = await ArborNode.StartAsync();
        var error = Assert.Throws<InvalidSupervisorOptionsException>(() => { _ = node.StartDynamicSupervisorAsync(BadDynamicOptions(option)); });
        Assert.Equal(option, error.Option);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task A_significant_template_is_rejected_for_a_dynamic_supervisor()
    {
        await using var node = await ArborNode.StartAsync();
        var template = new EventLog().Plan("t").Spec(Restart.Temporary, significant: true);
        Assert.Throws<InvalidChildSpecException>(() => { _ = node.StartDynamicSupervisorAsync(new DynamicSupervisorOptions { ChildTemplate = template }); });
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Later_changes_to_the_caller_s_child_list_do_not_reach_the_supervisor()
    {
        await using var node = await ArborNode.StartAsync();
        var log = new EventLog();
        var children = new List<ChildSpec> { log.Plan("a").Spec() };
        var options = new SupervisorOptions { Children = children };
        var supervisor = await node.StartSupervisorAsync(options);
        children.Add(log.Plan("b").Spec());
        Assert.Equal(new[] { "a" }, (await supervisor.WhichChildrenAsync().Within()).Ids());
        await supervisor.StopAsync().Within();
    }
}
