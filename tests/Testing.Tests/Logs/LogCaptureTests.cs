using Arbor.Testing.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing.Tests.Logs;

public sealed class LogCaptureTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_crash_report_is_captured_with_the_exception()
    {
        await using var test = await ArborTestNode.StartAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));

        notifier.Crash("captured");

        var report = await test.Logs.ExpectCrashReportAsync(notifier.Pid, e => e.Exception is InvalidOperationException);
        Assert.Equal(LogLevel.Error, report.Level);
        Assert.Equal(ArborLogEvents.ProcessCategory, report.Category);
        Assert.Equal("captured", report.Exception?.Message);
        Assert.Contains(notifier.Pid.ToString(), report.Message);
    }

    [Fact]
    public async Task A_missing_crash_report_lists_what_was_logged_instead()
    {
        await using var test = await ArborTestNode.StartAsync();
        await test.StartSupervisedAsync(Notifier.ChildSpec(id: "quiet"));

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => test.Logs.ExpectCrashReportAsync(timeout: Short));

        Assert.Contains("Expected a log entry (a crash report) within 0.1 s; logged instead:\n  1. [Information] Arbor.Supervisor/ChildStarted: Supervisor", failure.Message);
        Assert.Contains("started child quiet", failure.Message);
    }

    [Fact]
    public async Task A_supervisor_report_is_captured_with_its_values()
    {
        await using var test = await ArborTestNode.StartAsync();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "n"));

        notifier.Crash("reported");

        var terminated = await test.Logs.ExpectSupervisorReportAsync(ArborLogEvents.ChildTerminated, e => e.IsAbout(notifier.Pid));
        Assert.Equal("n", terminated["ChildId"]);
        Assert.Null(terminated["NoSuchValue"]);
    }

    [Fact]
    public async Task ExpectLogs_counts_only_entries_written_from_the_action_on()
    {
        await using var test = await ArborTestNode.StartAsync();
        var first = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "first", restart: Restart.Temporary));
        var second = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "second", restart: Restart.Temporary));
        first.Crash("before");
        await test.Logs.ExpectCrashReportAsync(first.Pid);

        var reports = await test.Logs.ExpectLogsAsync(1, e => e.Is(ArborLogEvents.ProcessCrashed), () =>
        {
            second.Crash("during");
            return Task.CompletedTask;
        });

        Assert.True(Assert.Single(reports).IsAbout(second.Pid));
    }

    [Fact]
    public async Task ExpectLogs_fails_when_too_few_arrive()
    {
        await using var test = await ArborTestNode.StartAsync();

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() =>
            test.Logs.ExpectLogsAsync(1, e => e.Is(ArborLogEvents.ProcessCrashed), () => Task.CompletedTask, Short));

        Assert.StartsWith("Expected 1 matching log entries while the action ran but 0 arrived within 0.1 s. Matching: none", failure.Message);
    }

    [Fact]
    public async Task ExpectLogs_fails_when_more_arrived_than_expected()
    {
        await using var test = await ArborTestNode.StartAsync();
        var a = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "a", restart: Restart.Temporary));
        var b = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(id: "b", restart: Restart.Temporary));

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() =>
            test.Logs.ExpectLogsAsync(1, e => e.Is(ArborLogEvents.ProcessCrashed), async () =>
            {
                a.Crash("one");
                b.Crash("two");
                await test.Node.WhenExited(a.Pid);
                await test.Node.WhenExited(b.Pid);
                await test.Logs.ExpectCrashReportAsync(a.Pid);
                await test.Logs.ExpectCrashReportAsync(b.Pid);
            }));

        Assert.StartsWith("Expected 1 matching log entries while the action ran but 2 arrived:", failure.Message);
    }

    [Fact]
    public async Task ExpectNoCrashReports_names_the_report_it_found()
    {
        await using var test = await ArborTestNode.StartAsync();
        test.Logs.ExpectNoCrashReports();
        var notifier = await test.StartSupervisedAsync<NotifierRef>(Notifier.ChildSpec(restart: Restart.Temporary));
        notifier.Crash("unwanted");
        await test.Logs.ExpectCrashReportAsync(notifier.Pid);

        var failure = Assert.Throws<ExpectationFailedException>(test.Logs.ExpectNoCrashReports);

        Assert.StartsWith("Expected no log entry (a crash report) but found:\n  1. [Error] Arbor.Process/ProcessCrashed:", failure.Message);
        Assert.Contains("(InvalidOperationException: unwanted)", failure.Message);
    }

    [Fact]
    public async Task Log_lines_are_copied_to_the_output_and_a_failing_output_is_ignored()
    {
        var lines = new List<string>();
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions
        {
            LogOutput = line =>
            {
                lines.Add(line);
                throw new InvalidOperationException("the test has ended");
            },
        });

        await test.StartSupervisedAsync(Notifier.ChildSpec(id: "echoed"));

        Assert.Contains(lines, line => line.Contains("started child echoed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_predicate_fails_the_expectation_not_the_runtime()
    {
        await using var test = await ArborTestNode.StartAsync();
        var waiting = test.Logs.ExpectLogAsync(_ => throw new FormatException("bad predicate"));

        await test.StartSupervisedAsync(Notifier.ChildSpec(id: "logged"));

        var failure = await Assert.ThrowsAsync<ExpectationFailedException>(() => waiting);
        Assert.IsType<FormatException>(failure.InnerException);
    }
}
