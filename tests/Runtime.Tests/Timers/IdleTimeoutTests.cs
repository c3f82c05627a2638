using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Timers;

public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task An_idle_server_receives_IdleTimeout_and_clearing_it_stops_further_ones()
    {
        // On virtual time: "not before 40 ms" and "never again" are exact, with no marker timer to wait for.
        await using var test = await Arbor.Testing.ArborTestNode.StartAsync(new Arbor.Testing.ArborTestNodeOptions { VirtualTime = true });
        var probe = await test.CreateProbeAsync();
        var server = await Scripted.StartOkAsync(test.Node, new Script
        {
            Init = s =>
            {
                s.IdleTimeout = TimeSpan.FromMilliseconds(40);
                return new(InitResult.Ok);
            },
            Info = (s, message) =>
            {
                if (message is IdleTimeout)
                {
                    s.IdleTimeout = null;
                    probe.Pid.Send("timeout");
                }

                return default;
            },
        });
        test.Track(server, "Scripted");

        await test.AdvanceAsync(TimeSpan.FromMilliseconds(39));
        await probe.ExpectNoMessageAsync();
        await test.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        await probe.ExpectMessageAsync("timeout");

        await test.AdvanceAsync(TimeSpan.FromHours(1));
        await probe.ExpectNoMessageAsync();
        test.Node.Exit(server, ExitReason.Kill);
        await test.Node.WhenExited(server);
    }

    [Fact]
    public async Task The_idle_timeout_repeats_for_each_idle_period_while_set()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        var count = 0;
        await Scripted.StartOkAsync(node, new Script
        {
            Init = s =>
            {
                s.IdleTimeout = TimeSpan.FromMilliseconds(10);
                return new(InitResult.Ok);
            },
            Info = (s, message) =>
            {
                if (message is IdleTimeout && ++count == 3)
                {
                    s.IdleTimeout = null;
                    probe.Pid.Send(count);
                }

                return default;
            },
        });

        Assert.Equal(3, await probe.ReceiveAsync<int>());
    }

    [Fact]
    public async Task Messages_handled_meanwhile_postpone_the_timeout()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        long lastMessageAt = 0;
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Init = s =>
            {
                s.IdleTimeout = TimeSpan.FromMilliseconds(60);
                return new(InitResult.Ok);
            },
            Cast = (_, _) =>
            {
                lastMessageAt = Environment.TickCount64;
                return default;
            },
            Info = (s, message) =>
            {
                if (message is IdleTimeout)
                {
                    s.IdleTimeout = null;
                    probe.Pid.Send(Environment.TickCount64 - lastMessageAt);
                }

                return default;
            },
        });

        for (var i = 0; i < 5; i++)
        {
            Scripted.Tell(server);
            await Task.Delay(20); // pacing the load, not synchronisation: the assertion below is on the server's own clock
        }

        var gap = await probe.ReceiveAsync<long>();
        Assert.True(gap >= 59, $"timeout came {gap} ms after the last handled message");
    }

    [Fact]
    public async Task A_non_positive_idle_timeout_is_rejected()
    {
        await using var node = await ArborNode.StartAsync();
        var result = await Scripted.StartAsync(node, new Script
        {
            Init = s =>
            {
                s.IdleTimeout = TimeSpan.Zero;
                return new(InitResult.Ok);
            },
        });
        Assert.Equal(StartStatus.Failed, result.Status);
        Assert.IsType<ArgumentOutOfRangeException>(result.Reason!.Exception);
    }
}
