using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.Testing;

namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>
/// Deterministic mode: one scheduler thread whose seed picks the next ready process. The same seed replays the same
/// interleaving, different seeds reach different ones, and the runtime's racy paths (exit-signal ordering, a supervisor
/// restarting a child that is being called, a call timeout racing its reply) hold their guarantees under every seed tried.
/// </summary>
public sealed class DeterministicInterleavingTests
{
    [Fact]
    public async Task The_same_seed_replays_the_same_interleaving_and_other_seeds_reach_others()
    {
        var orders = new List<string>();
        foreach (var seed in new[] { 7, 7, 8, 9, 10, 11 })
        {
            var order = new List<int>();
            await Interleavings.ReplayAsync(seed, node => RecordOrderAsync(node, order));
            orders.Add(string.Join(",", order));
        }

        Assert.Equal(orders[0], orders[1]);
        Assert.True(orders.Distinct().Count() > 1, "different seeds should interleave differently: " + string.Join(" | ", orders));
    }

    [Fact]
    public async Task A_failure_names_the_seed_that_replays_it()
    {
        // Fails only when the second server happens to run first: some seed finds it, and that seed fails again on replay.
        Task Scenario(ArborNode node) => FailsWhenSecondRunsFirstAsync(node);

        var failure = await Assert.ThrowsAsync<InterleavingFailedException>(() => Interleavings.ExploreAsync(Scenario, seeds: 200));
        Assert.Contains($"seed {failure.Seed}", failure.Message, StringComparison.Ordinal);
        var replayed = await Assert.ThrowsAsync<InterleavingFailedException>(() => Interleavings.ReplayAsync(failure.Seed, Scenario));
        Assert.Equal(failure.Seed, replayed.Seed);
    }

    [Fact]
    public Task A_trapped_exit_stays_behind_everything_the_dying_process_sent_under_every_seed() =>
        Interleavings.ExploreAsync(async node =>
        {
            var received = new List<object>();
            var done = new TaskCompletionSource();
            var watcher = await Scripted.StartOkAsync(node, new Script
            {
                Constructor = s => s.TrapExit = true,
                Info = (_, message) =>
                {
                    received.Add(message);
                    if (message is Exited)
                    {
                        done.TrySetResult();
                    }

                    return default;
                },
                Call = (s, ask) => { s.Link((Pid)ask.Payload!); s.Answer(ask, null); return default; },
            });
            var worker = await Scripted.StartOkAsync(node, new Script
            {
                Cast = (_, _) =>
                {
                    for (var i = 0; i < 20; i++)
                    {
                        watcher.Send(i);
                    }

                    throw new InvalidOperationException("done");
                },
            });
            await Scripted.AskAsync(watcher, worker);

            Scripted.Tell(worker);
            await done.Task;

            Assert.Equal(Enumerable.Range(0, 20).Cast<object>(), received.Take(20));
            Assert.Equal(worker, Assert.IsType<Exited>(received[20]).From);
        });

    [Fact]
    public Task A_supervisor_restarts_a_crashing_child_while_it_is_being_called_under_every_seed() =>
        Interleavings.ExploreAsync(async node =>
        {
            var spec = new ChildSpec("flaky", context => GenServer.StartAsync(
                context.Node,
                () => new Scripted(new Script
                {
                    Cast = (_, _) => throw new InvalidOperationException("crash"),
                    Call = (s, ask) => { s.Answer(ask, "up"); return default; },
                }),
                new StartOptions { Link = true }));
            var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 5, within: TimeSpan.FromSeconds(30), spec);
            var first = Assert.Single(await supervisor.WhichChildrenAsync()).Pid;

            // The crash and a call race: the call either reaches the old child (and fails with its exit) or is answered.
            Scripted.Tell(first);
            var raced = Scripted.AskAsync(first);
            try
            {
                Assert.Equal("up", await raced);
            }
            catch (ProcessExitedException)
            {
            }
            catch (NoProcessException)
            {
            }

            Assert.NotNull(await node.WhenExited(first));
            Pid second;
            do
            {
                second = Assert.Single(await supervisor.WhichChildrenAsync()).Pid;
            }
            while (second == Pid.None || second == first);

            Assert.Equal("up", await Scripted.AskAsync(second));
            await supervisor.StopAsync();
        });

    [Fact]
    public Task A_call_timeout_racing_the_reply_gives_the_caller_exactly_one_outcome_under_every_seed() =>
        Interleavings.ExploreAsync(async node =>
        {
            ReplyTo<object?>? held = null;
            var server = await Scripted.StartOkAsync(node, new Script
            {
                Call = (_, ask) => { held = Scripted.Defer(ask); return default; },
                Cast = (_, _) => { held?.Reply("answer"); return default; },
            });

            // The reply is sent by a cast that races the caller's 1 ms timeout: whichever claims the call wins, alone.
            var call = Scripted.AskAsync(server, timeout: TimeSpan.FromMilliseconds(1));
            Scripted.Tell(server);
            object? answer = null;
            CallTimeoutException? timedOut = null;
            try
            {
                answer = await call;
            }
            catch (CallTimeoutException exception)
            {
                timedOut = exception;
            }

            Assert.True((answer is "answer") ^ (timedOut is not null), $"exactly one outcome: answer {answer}, timeout {timedOut?.Message}");
            if (held is { } reply)
            {
                // The server saw the call (a call that timed out while still queued is dropped unhandled).
                Assert.True(reply.IsCompleted);
                Assert.False(reply.Reply("again"), "a call is claimed once");
            }
            else
            {
                Assert.NotNull(timedOut);
            }
        });

    /// <summary>Three servers each record their number when told; the order they run in is the interleaving.</summary>
    private static async Task RecordOrderAsync(ArborNode node, List<int> order)
    {
        var servers = new List<Pid>();
        for (var i = 0; i < 3; i++)
        {
            var number = i;
            servers.Add(await Scripted.StartOkAsync(node, new Script
            {
                Cast = (_, _) => { order.Add(number); return default; },
                Call = (s, ask) => { s.Answer(ask, null); return default; },
            }));
        }

        for (var round = 0; round < 4; round++)
        {
            foreach (var server in servers)
            {
                Scripted.Tell(server);
            }
        }

        foreach (var server in servers)
        {
            await Scripted.AskAsync(server);
        }
    }

    private static async Task FailsWhenSecondRunsFirstAsync(ArborNode node)
    {
        var order = new List<int>();
        var a = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => { order.Add(1); return default; }, Call = (s, ask) => { s.Answer(ask, null); return default; } });
        var b = await Scripted.StartOkAsync(node, new Script { Cast = (_, _) => { order.Add(2); return default; }, Call = (s, ask) => { s.Answer(ask, null); return default; } });
        Scripted.Tell(a);
        Scripted.Tell(b);
        await Scripted.AskAsync(a);
        await Scripted.AskAsync(b);
        Assert.Equal(new[] { 1, 2 }, order);
    }
}
