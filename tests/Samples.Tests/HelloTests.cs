using Hello;

namespace Arbor.Samples.Tests;

/// <summary>The Hello sample's greeter: alone, and restarted by its supervisor after a crash.</summary>
public sealed class HelloTests
{
    [Fact]
    public async Task The_greeter_greets_and_counts_its_greetings()
    {
        await using var test = await ArborTestNode.StartAsync();
        var greeter = await test.StartSupervisedAsync<GreeterRef>(Greeter.ChildSpec("Hello"));

        Assert.Equal("Hello, Ada! (greeting #1)", await greeter.GreetAsync("Ada"));
        Assert.Equal("Hello, Bob! (greeting #2)", await greeter.GreetAsync("Bob"));
    }

    [Fact]
    public async Task A_crashed_greeter_is_restarted_with_a_fresh_count()
    {
        await using var test = await ArborTestNode.StartAsync();
        var first = await test.StartSupervisedAsync<GreeterRef>(Greeter.ChildSpec("Hi", name: "greeter"));
        await first.GreetAsync("Ada");
        var watcher = await test.CreateProbeAsync();
        await watcher.MonitorAsync(first.Pid);

        first.Crash("on purpose");

        await watcher.ExpectDownAsync(first.Pid);
        var report = await test.Logs.ExpectCrashReportAsync(first.Pid);
        Assert.Contains("on purpose", report.ToString());
        await test.SettleAsync(); // the supervisor has restarted it by now
        var second = test.Node.Whereis<GreeterRef>("greeter");
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal("Hi, Ada! (greeting #1)", await second.GreetAsync("Ada"));
    }
}
