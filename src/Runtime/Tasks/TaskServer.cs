using System;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Tasks;

/// <summary>
/// The behaviour of a task process: runs the work once, right after init (from a message to itself), tells the owner of a completion when asked
/// to, and stops normally. A failure of the work crashes the process with the exception as its reason, which reaches the
/// owner through the link or the monitor (<see cref="TaskLink"/>).
/// </summary>
internal sealed class TaskServer : GenServer
{
    private static readonly object s_run = new();
    private readonly TaskRef _task;
    private readonly Func<CancellationToken, ValueTask<object?>> _work;
    private readonly Func<TaskRef, object?, object>? _completion;

    public TaskServer(TaskRef task, Func<CancellationToken, ValueTask<object?>> work, Func<TaskRef, object?, object>? completion)
    {
        _task = task;
        _work = work;
        _completion = completion;
    }

    protected override ValueTask<InitResult> InitAsync()
    {
        // The work runs from a message to itself, after init: a failure is then the task's crash, not a failed start
        // (which a trapping owner would not hear of).
        Self.Send(s_run);
        return new(InitResult.Ok);
    }

    protected override ValueTask HandleInfoAsync(object message) =>
        ReferenceEquals(message, s_run) ? RunAsync() : base.HandleInfoAsync(message);

    private async ValueTask RunAsync()
    {
        // The exit token is cancelled when the task is killed or stopped, so cooperative work ends with it.
        var result = await _work(ExitToken);
        if (_task.TryEnd() && _completion is not null)
        {
            _task.Owner.Send(_completion(_task, result));
        }

        Stop();
    }

    internal override string DescribeState() => "task " + _task.Id + " of " + _task.Owner;
}
