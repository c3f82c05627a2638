using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.GenServers;

/// <summary>OTP start options: start-and-monitor, a start timeout, and a linked start that fails leaving no stray exit.</summary>
public sealed class StartOptionTests
{
    [Fact]
    public async Task A_start_with_monitor_returns_the_reference_and_a_Down_follows_the_exit()
    {
        await using var node = await ArborNode.StartAsync();
        var starter = await Starter.StartAsync(node, trapExit: false);
        var result = await starter.StartAsync(() => Scripted.StartAsync(node, new Script(), new StartOptions { Monitor = true }));

        Assert.True(result.IsStarted);
        Assert.NotNull(result.Monitor);
        node.Exit(result.Pid, ExitReason.Kill);

        var down = Assert.IsType<Down>(await starter.Inbox.ReadAsync().AsTask().Within());
        Assert.Same(result.Monitor, down.Ref);
        Assert.Same(ExitReason.Killed, down.Reason);
    }

    [Fact]
    public async Task A_start_with_monitor_outside_a_process_is_refused()
    {
        await using var node = await ArborNode.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Scripted.StartAsync(node, new Script(), new StartOptions { Monitor = true }).AsTask());

        Assert.Contains("StartOptions.Monitor", error.Message);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task An_init_slower_than_the_start_timeout_is_killed_and_the_start_fails_with_timeout()
    {
        await using var node = await ArborNode.StartAsync();
        var release = new TaskCompletionSource<InitResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        var result = await Scripted.StartAsync(node, new Script { Init = _ => new ValueTask<InitResult>(release.Task) }, new StartOptions
        {
            Name = "slow",
            Timeout = TimeSpan.FromMilliseconds(30),
        }).AsTask().Within();

        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.Same(ExitReason.StartTimeout, result.Reason);
        Assert.True(node.Whereis("slow").IsNone);
        release.SetResult(InitResult.Ok);
        Assert.Equal(0, node.ProcessCount);
    }

    [Fact]
    public async Task An_init_within_the_start_timeout_starts_normally()
    {
        await using var node = await ArborNode.StartAsync();

        var result = await Scripted.StartAsync(node, new Script(), new StartOptions { Timeout = TimeSpan.FromMinutes(5) }).AsTask().Within();

        Assert.True(result.IsStarted);
        Assert.True(result.Pid.IsAlive);
    }

    [Theory]
    [InlineData("throw")]
    [InlineData("stop")]
    [InlineData("ignore")]
    public async Task A_failed_linked_start_leaves_no_exit_message_for_a_trapping_starter(string how)
    {
        await using var node = await ArborNode.StartAsync();
        var starter = await Starter.StartAsync(node, trapExit: true);
        var script = new Script
        {
            Init = _ => how switch
            {
                "throw" => throw new InvalidOperationException("init failed"),
                "stop" => new(InitResult.Stop(ExitReason.Other("no"))),
                _ => new(InitResult.Ignore),
            },
        };

        var result = await starter.StartAsync(() => Scripted.StartAsync(node, script, new StartOptions { Link = true }));

        Assert.False(result.IsStarted);
        await Scripted.AskAsync(starter.Pid).Within(); // anything the failed start sent has been handled by now
        Assert.False(starter.Inbox.TryRead(out var stray), $"unexpected {stray}");
        Assert.Equal(0, node.GetProcessInfo(starter.Pid)!.Links);
    }

    [Fact]
    public async Task Bad_start_options_are_refused_before_anything_starts()
    {
        await using var node = await ArborNode.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => Scripted.StartAsync(node, new Script(), new StartOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scripted.StartAsync(node, new Script(), new StartOptions { MaxMailboxLength = 0 }));
        Assert.Equal(0, node.ProcessCount);
    }

    /// <summary>A process that starts others from its call handler (so the start is linked or monitored from it) and keeps what it receives.</summary>
    private sealed class Starter
    {
        private readonly Channel<object> _inbox;

        private Starter(Pid pid, Channel<object> inbox)
        {
            Pid = pid;
            _inbox = inbox;
        }

        public Pid Pid { get; }

        public ChannelReader<object> Inbox => _inbox.Reader;

        public static async Task<Starter> StartAsync(ArborNode node, bool trapExit)
        {
            var inbox = Channel.CreateUnbounded<object>();
            var pid = await Scripted.StartOkAsync(node, new Script
            {
                Constructor = s => s.TrapExit = trapExit,
                Call = async (s, ask) => s.Answer(ask, ask.Payload is Func<ValueTask<StartResult>> start ? await start() : "sync"),
                Info = (_, message) =>
                {
                    inbox.Writer.TryWrite(message);
                    return default;
                },
            });
            return new Starter(pid, inbox);
        }

        public async Task<StartResult> StartAsync(Func<ValueTask<StartResult>> start) => (StartResult)(await Scripted.AskAsync(Pid, start).Within())!;
    }
}
