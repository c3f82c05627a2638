using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Diagnostics;
using Arbor.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Arbor.Runtime.Tests.GenServers;

/// <summary>The token handed to handlers is cancelled when their process exits, so a dead server's awaits stop.</summary>
public sealed class ExitTokenTests
{
    [Fact]
    public async Task Killing_a_process_cancels_the_await_of_its_running_handler()
    {
        await using var node = await ArborNode.StartAsync();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Cast = async (s, _) =>
            {
                var token = s.MyExitToken;
                entered.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException exception) when (exception.CancellationToken == token)
                {
                    cancelled.SetResult(true);
                    throw;
                }
            },
        });

        Scripted.Tell(server);
        await entered.Task.Within();
        node.Exit(server, ExitReason.Kill);

        Assert.Equal(ExitReason.Killed, await node.WhenExited(server).Within());
        Assert.True(await cancelled.Task.Within());
    }

    [Fact]
    public async Task The_token_is_live_while_the_process_runs_and_cancelled_once_it_has_exited()
    {
        await using var node = await ArborNode.StartAsync();
        CancellationToken token = default;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                token = s.MyExitToken;
                s.Answer(ask, token.IsCancellationRequested);
                s.Stop(ExitReason.Normal);
                return default;
            },
        });

        Assert.Equal(false, await Scripted.AskAsync(server).Within());
        await node.WhenExited(server).Within();

        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_throwing_cancellation_callback_is_reported_and_the_exit_still_completes()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions { LoggerFactory = logs });
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.MyExitToken.Register(() => throw new InvalidOperationException("callback failed"));
                s.Answer(ask, null);
                return default;
            },
        });

        await Scripted.AskAsync(server).Within();
        node.Exit(server, ExitReason.Kill);

        Assert.Equal(ExitReason.Killed, await node.WhenExited(server).Within());
        var report = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Contains("exit token", report.Message);
        Assert.Contains("callback failed", report.Exception!.ToString());
    }

    [Fact]
    public async Task WhenExited_asked_during_the_exit_sequence_completes_only_once_it_has_run()
    {
        // Exit-token callbacks run inside the exit sequence, after the reason is set: a WhenExited asked there used to
        // complete at once, before the exit signals went out, so a message sent next could overtake a trapped EXIT.
        await using var node = await ArborNode.StartAsync();
        Task<ExitReason>? askedDuringExit = null;
        var completedWhenAsked = true;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                var self = s.Me;
                s.MyExitToken.Register(() =>
                {
                    askedDuringExit = node.WhenExited(self);
                    completedWhenAsked = askedDuringExit.IsCompleted;
                });
                s.Answer(ask, null);
                return default;
            },
        });

        await Scripted.AskAsync(server).Within();
        node.Exit(server, ExitReason.Kill);
        await node.WhenExited(server).Within();

        Assert.False(completedWhenAsked);
        Assert.Equal(ExitReason.Killed, await askedDuringExit!.Within());
    }
}
