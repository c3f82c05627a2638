using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.Tasks;

namespace Arbor.Runtime.Tests.Tasks;

public sealed class TaskTests
{
    [Fact]
    public async Task StartTask_delivers_the_result_to_its_owner_and_the_task_process_ends_normally()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);

        var task = (TaskRef)(await owner.QueryAsync(p => p.StartTask(async _ =>
        {
            await Task.Yield();
            return 42;
        })))!;

        var completed = await owner.ReceiveAsync<TaskCompleted<int>>();
        Assert.Same(task, completed.Task);
        Assert.Equal(42, completed.Result);
        Assert.Equal(owner.Pid, task.Owner);
        Assert.NotEqual(owner.Pid, task.Pid);
        Assert.Equal(ExitReason.Normal, await node.WhenExited(task.Pid).Within());
        await owner.AssertNoMessageAsync();
    }

    [Fact]
    public async Task StartTask_without_a_result_delivers_TaskCompleted()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);

        var task = (TaskRef)(await owner.QueryAsync(p => p.StartTask(_ => Task.CompletedTask)))!;

        Assert.Same(task, (await owner.ReceiveAsync<TaskCompleted>()).Task);
    }

    [Fact]
    public async Task A_linked_task_that_fails_takes_its_owner_down_with_the_same_reason()
    {
        await using var node = await ArborNode.StartAsync();
        var watcher = await ProbeHandle.StartAsync(node);
        var owner = await ProbeHandle.StartAsync(node);
        await watcher.DoAsync(p => p.Monitor(owner.Pid));

        await owner.DoAsync(p => p.RunTask(_ => throw new InvalidOperationException("task broke")));

        var down = await watcher.ReceiveAsync<Down>();
        Assert.Equal(owner.Pid, down.Pid);
        Assert.Equal("task broke", down.Reason.Exception!.Message);
    }

    [Fact]
    public async Task A_trapping_owner_receives_the_linked_task_failure_as_Exited_and_lives()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node, trapExit: true);

        var task = (TaskRef)(await owner.QueryAsync(p => p.RunTask(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("task broke");
        })))!;

        var exited = await owner.ReceiveAsync<Exited>();
        Assert.Equal(task.Pid, exited.From);
        Assert.Equal("task broke", exited.Reason.Exception!.Message);
        Assert.True(owner.Pid.IsAlive);
    }

    [Fact]
    public async Task An_unlinked_task_that_fails_sends_TaskFailed_and_no_Down()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);

        var task = (TaskRef)(await owner.QueryAsync(p => p.StartTask<int>(_ => throw new FormatException("bad input"), TaskLink.Unlinked)))!;

        var failed = await owner.ReceiveAsync<TaskFailed>();
        Assert.Same(task, failed.Task);
        Assert.Equal("bad input", failed.Reason.Exception!.Message);
        Assert.True(owner.Pid.IsAlive);
        await node.WhenExited(task.Pid).Within();
        await owner.AssertNoMessageAsync();
    }

    [Fact]
    public async Task An_unlinked_task_that_succeeds_sends_only_its_completion()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);

        var task = (TaskRef)(await owner.QueryAsync(p => p.StartTask(_ => Task.FromResult("done"), TaskLink.Unlinked)))!;

        Assert.Equal("done", (await owner.ReceiveAsync<TaskCompleted<string>>()).Result);
        Assert.Equal(ExitReason.Normal, await node.WhenExited(task.Pid).Within());
        await owner.AssertNoMessageAsync();
    }

    [Fact]
    public async Task An_unlinked_task_killed_from_outside_is_reported_as_TaskFailed()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);

        var task = (TaskRef)(await owner.QueryAsync(p => p.RunTask(token => Task.Delay(Timeout.Infinite, token), TaskLink.Unlinked)))!;
        node.Exit(task.Pid, ExitReason.Kill);

        var failed = await owner.ReceiveAsync<TaskFailed>();
        Assert.Same(task, failed.Task);
        Assert.Equal(ExitReason.Killed, failed.Reason);
    }

    [Theory]
    [InlineData(TaskLink.Linked)]
    [InlineData(TaskLink.Unlinked)]
    public async Task StopTask_cancels_the_work_and_nothing_more_is_heard_of_the_task(TaskLink link)
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = (TaskRef)(await owner.QueryAsync(p => p.StartTask(async token =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        }, link)))!;
        await started.Task.Within();

        await owner.DoAsync(p => p.StopTask(task));

        await cancelled.Task.Within();
        await node.WhenExited(task.Pid).Within();
        await owner.AssertNoMessageAsync();
        Assert.True(owner.Pid.IsAlive);
    }

    [Fact]
    public async Task WatchTask_supervises_work_already_running()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node, trapExit: true);
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var linked = (TaskRef)(await owner.QueryAsync(p => p.WatchTask(work.Task)))!;
        var unlinked = (TaskRef)(await owner.QueryAsync(p => p.WatchTask(work.Task, TaskLink.Unlinked)))!;
        work.SetException(new TimeoutException("upstream timed out"));

        var first = await owner.ReceiveAnyAsync();
        var second = await owner.ReceiveAnyAsync();
        var exited = Assert.Single(new[] { first, second }, m => m is Exited) as Exited;
        var failed = Assert.Single(new[] { first, second }, m => m is TaskFailed) as TaskFailed;
        Assert.Equal(linked.Pid, exited!.From);
        Assert.Equal("upstream timed out", exited.Reason.Exception!.Message);
        Assert.Same(unlinked, failed!.Task);
        Assert.Equal("upstream timed out", failed.Reason.Exception!.Message);
    }

    [Fact]
    public async Task An_owner_that_crashes_takes_its_linked_tasks_with_it()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = (TaskRef)(await owner.QueryAsync(p => p.RunTask(async token =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
        })))!;
        node.Exit(owner.Pid, ExitReason.Other("owner failed"));

        Assert.Equal(ExitReason.Other("owner failed"), await node.WhenExited(task.Pid).Within());
        await cancelled.Task.Within();
    }

    [Fact]
    public async Task Tasks_are_started_and_stopped_only_by_their_owner_s_own_code()
    {
        await using var node = await ArborNode.StartAsync();
        var owner = await ProbeHandle.StartAsync(node);
        var other = await ProbeHandle.StartAsync(node);
        var probe = (Probe)(await owner.QueryAsync(p => p))!;

        var outside = Assert.Throws<InvalidOperationException>(() => probe.RunTask(_ => Task.CompletedTask));
        Assert.Contains("owner's own code", outside.Message);

        var task = (TaskRef)(await owner.QueryAsync(p => p.RunTask(token => Task.Delay(Timeout.Infinite, token))))!;
        var foreign = await other.QueryAsync(p =>
        {
            try
            {
                p.StopTask(task);
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e;
            }
        });
        Assert.Contains("started it", Assert.IsType<InvalidOperationException>(foreign).Message);
        Assert.True(task.Pid.IsAlive);
        await owner.DoAsync(p => p.StopTask(task));
        await node.WhenExited(task.Pid).Within();
    }
}
