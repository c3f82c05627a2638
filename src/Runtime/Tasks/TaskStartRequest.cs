using System;

namespace Arbor.Tasks;

/// <summary>
/// The start of a task process. Nobody waits for its init (a task starts from a synchronous handler and its init cannot
/// fail); what it adds is the task's identity, filled in as the process is created, before the process can run.
/// </summary>
internal sealed class TaskStartRequest : StartRequest
{
    private readonly TaskRef _task;

    public TaskStartRequest(TaskRef task, Func<ProcessBehavior> factory)
        : base(factory) => _task = task;

    internal override void OnCreated(Pid pid, MonitorRef? monitor)
    {
        _task.Pid = pid;
        if (monitor is not null)
        {
            // The owner's monitor turns the task's Down into a TaskFailed (or nothing, once a completion was told).
            monitor.Task = _task;
        }
    }

    public override void Complete(StartResult result)
    {
        // Nothing waits: the owner learns of the task's outcome from its messages (or its link).
    }
}
