using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// User code the runtime calls outside a handler — <c>ToString</c> of messages, servers and arguments, an exception's
/// <c>Message</c> — throws or is huge: the exit sequence still completes (links, monitors, waiters), nothing escapes
/// onto a runtime thread, and what is rendered is a bounded placeholder. Before the fix each of these aborted the
/// test host (an unhandled exception on a pool or timer thread).
/// </summary>
public sealed class RenderingFaultTests
{
    [Fact]
    public async Task A_crash_whose_exception_message_throws_still_completes_the_exit_and_is_reported()
    {
        var logs = new FormattingLoggerFactory();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var watcher = await ProbeHandle.StartAsync(node, trapExit: true);
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new PoisonedException() });
        await watcher.DoAsync(p => p.Link(server));
        await watcher.DoAsync(p => p.Monitor(server));

        Scripted.Tell(server);

        var reason = await node.WhenExited(server).Within();
        Assert.IsType<PoisonedException>(reason.Exception);
        Assert.Contains("<Message threw System.FormatException>", reason.ToString());
        var first = await watcher.ReceiveAnyAsync();
        var second = await watcher.ReceiveAnyAsync();
        var exited = Assert.Single(new[] { first, second }.OfType<Exited>());
        var down = Assert.Single(new[] { first, second }.OfType<Down>());
        Assert.Same(reason, exited.Reason);
        Assert.Same(reason, down.Reason);
        Assert.Contains(logs.Lines, line => line.Contains("<Message threw System.FormatException>"));
    }

    [Fact]
    public async Task A_crash_report_of_a_message_whose_ToString_throws_names_the_failure()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var server = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => throw new InvalidOperationException("boom") });

        Scripted.Tell(server, new PoisonedText());

        await node.WhenExited(server).Within();
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("<ToString threw System.FormatException>", entry.Message);
        Assert.Contains("boom", entry.Message);
    }

    [Fact]
    public async Task A_crash_report_of_a_server_whose_ToString_throws_names_the_failure()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var server = (await GenServer.StartAsync(node, () => new PoisonedServer())).EnsureStarted("poisoned");

        GenServer.Cast(server, new Tell());

        await node.WhenExited(server).Within();
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("state: <ToString threw System.FormatException>", entry.Message);
    }

    [Fact]
    public async Task A_call_timeout_with_an_argument_whose_ToString_throws_fails_with_a_timeout()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script { Call = (_, _) => default }); // never replies

        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => Scripted.AskAsync(server, new PoisonedText(), TimeSpan.FromMilliseconds(50)));

        Assert.Contains("<ToString threw System.FormatException>", error.Message);
        Assert.Equal(server, error.Target);
    }

    [Fact]
    public async Task A_server_exiting_with_a_pending_call_whose_ToString_throws_fails_the_call_with_its_exit_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, _) => default, // leaves the call unanswered
            Cast = (s, _) =>
            {
                s.Stop(ExitReason.Other("gone"));
                return default;
            },
        });

        var pending = Scripted.AskAsync(server, new PoisonedText(), Timeout.InfiniteTimeSpan);
        Scripted.Tell(server);

        var error = await Assert.ThrowsAsync<ProcessExitedException>(() => pending.Within());
        Assert.Equal(ExitReason.Other("gone"), error.Reason);
        Assert.Contains("<ToString threw System.FormatException>", error.Message);
    }

    [Fact]
    public async Task A_call_to_a_dead_pid_with_an_argument_whose_ToString_throws_fails_with_noproc()
    {
        await using var node = await ArborNode.StartAsync();
        var server = await Scripted.StartOkAsync(node, new Script());
        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();

        var error = await Assert.ThrowsAsync<NoProcessException>(() => Scripted.AskAsync(server, new PoisonedText()));

        Assert.Contains("<ToString threw System.FormatException>", error.Message);
    }

    [Fact]
    public async Task Renderings_of_huge_arguments_are_truncated_with_a_marker()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (_, _) => default,
            Cast = (_, _) => throw new InvalidOperationException("boom"),
        });

        var timeout = await Assert.ThrowsAsync<CallTimeoutException>(() => Scripted.AskAsync(server, new HugeText(1_000_000), TimeSpan.FromMilliseconds(20)));
        Scripted.Tell(server, new HugeText(1_000_000));
        await node.WhenExited(server).Within();

        Assert.InRange(timeout.Message.Length, 100, 2 * GuardedText.Limit);
        Assert.Contains("[truncated: ", timeout.Message);
        var report = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.InRange(report.Message.Length, 100, 3 * GuardedText.Limit);
        Assert.Contains("[truncated: ", report.Message);
    }

    [Fact]
    public void Exit_reasons_render_throwing_details_and_messages_as_placeholders()
    {
        Assert.Equal("<ToString threw System.FormatException>", ExitReason.Other(new PoisonedText()).ToString());
        Assert.Equal("{shutdown,<ToString threw System.FormatException>}", ExitReason.ShutdownWith(new PoisonedText()).ToString());
        Assert.StartsWith(typeof(PoisonedException).FullName + ": <Message threw", ExitReason.Crash(new PoisonedException()).ToString());
    }
}
