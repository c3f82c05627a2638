using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Registry;

/// <summary><c>node.WhereisAsync(name, timeout)</c>: the current holder of a name, or the next process to register it.</summary>
public sealed class WhereisAsyncTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_registered_name_is_answered_at_once()
    {
        await using var node = await ArborNode.StartAsync();
        var pid = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "db" });

        var found = node.WhereisAsync("db", TimeSpan.Zero);

        Assert.True(found.IsCompletedSuccessfully);
        Assert.Equal(pid, await found);
        Assert.False(node.Names.HasWaiters);
    }

    [Fact]
    public async Task A_waiter_is_answered_by_the_registration_of_the_name()
    {
        await using var node = await ArborNode.StartAsync();
        var first = node.WhereisAsync("later", s_long);
        var second = node.WhereisAsync("later", s_long);
        Assert.False(first.IsCompleted);
        Assert.True(node.Names.HasWaiters);

        var pid = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "later" });

        Assert.Equal(pid, await first.Within());
        Assert.Equal(pid, await second.Within());
        Assert.False(node.Names.HasWaiters);
    }

    [Fact]
    public async Task A_name_freed_by_an_exit_is_answered_with_the_process_that_registers_it_next()
    {
        await using var node = await ArborNode.StartAsync();
        var old = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "svc" });
        node.Exit(old, ExitReason.Kill);
        await node.WhenExited(old).Within();

        var waiting = node.WhereisAsync("svc", s_long);
        Assert.False(waiting.IsCompleted);
        var replacement = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "svc" });

        Assert.Equal(replacement, await waiting.Within());
        Assert.NotEqual(old, replacement);
    }

    [Fact]
    public async Task The_typed_overload_returns_a_client_for_the_process()
    {
        await using var node = await ArborNode.StartAsync();
        var waiting = node.WhereisAsync<ProbeRefForTests>("typed", s_long);
        var pid = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "typed" });

        Assert.Equal(pid, (await waiting.Within()).Pid);
    }

    [Fact]
    public async Task No_registration_within_the_timeout_fails_with_the_name_and_leaves_no_waiter_behind()
    {
        await using var node = await ArborNode.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => node.WhereisAsync("never", TimeSpan.FromMilliseconds(20)));

        Assert.Contains("'never'", error.Message);
        Assert.False(node.Names.HasWaiters);
        // A later registration of the name is unaffected.
        var pid = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "never" });
        Assert.Equal(pid, node.Whereis("never"));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_and_leaves_no_waiter_behind()
    {
        await using var node = await ArborNode.StartAsync();
        using var cancellation = new CancellationTokenSource();
        var waiting = node.WhereisAsync("never", Timeout.InfiniteTimeSpan, cancellation.Token);

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(node.Names.HasWaiters);
    }

    [Fact]
    public async Task Bad_arguments_are_rejected()
    {
        await using var node = await ArborNode.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => node.WhereisAsync(" ", s_long));
        await Assert.ThrowsAsync<ArgumentNullException>(() => node.WhereisAsync(null!, s_long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.WhereisAsync("x", TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public async Task Waiters_racing_registrations_on_other_threads_are_all_answered()
    {
        await using var node = await ArborNode.StartAsync();
        const int names = 200;
        using var start = new Barrier(2);

        var waiters = Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, names).Select(i => node.WhereisAsync("race:" + i, s_long)).ToArray();
        });
        var registrations = Task.Run(async () =>
        {
            start.SignalAndWait();
            var pids = new Pid[names];
            for (var i = 0; i < names; i++)
            {
                pids[i] = await Scripted.StartOkAsync(node, new Script(), new StartOptions { Name = "race:" + i });
            }

            return pids;
        });

        var registered = await registrations.Within();
        var found = await Task.WhenAll(await waiters.Within()).Within();

        Assert.Equal(registered, found);
        Assert.False(node.Names.HasWaiters);
    }

    /// <summary>A minimal typed client, as the generator would write one.</summary>
    private readonly struct ProbeRefForTests : IProcessRef<ProbeRefForTests>
    {
        private ProbeRefForTests(Pid pid) => Pid = pid;

        public Pid Pid { get; }

        public static ProbeRefForTests FromPid(Pid pid) => new(pid);
    }
}
