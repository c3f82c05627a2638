using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor;
using Arbor.Protocol;

namespace Arbor.Supervision.Tests.Support;

/// <summary>
/// How a test worker behaves, shared by all its incarnations (so a restart sees the same plan): the id, whether it traps
/// exits, how each numbered start ends, and whether its terminate hook waits for the test.
/// </summary>
internal sealed class WorkerPlan
{
    private int _starts;

    public WorkerPlan(string id, EventLog log)
    {
        Id = id;
        Log = log;
    }

    public string Id { get; }

    public EventLog Log { get; }

    /// <summary>Trap exits, so a shutdown runs the terminate hook (and is reported as <see cref="Terminating"/>).</summary>
    public bool TrapExit { get; set; } = true;

    /// <summary>A registered name for each incarnation.</summary>
    public string? Name { get; set; }

    /// <summary>How the init of start number n (1-based) ends; null for ok.</summary>
    public Func<int, ValueTask<InitResult>>? Init { get; set; }

    /// <summary>The terminate hook waits for this; a task that never completes makes a child that never exits.</summary>
    public Task? TerminateGate { get; set; }

    /// <summary>How many times init has run.</summary>
    public int Starts => Volatile.Read(ref _starts);

    internal int NextGeneration() => Interlocked.Increment(ref _starts);

    /// <summary>Fails every start after the first with <paramref name="reason"/> (or only starts in <paramref name="failing"/>).</summary>
    public WorkerPlan FailingStarts(ExitReason reason, params int[] failing)
    {
        var set = new HashSet<int>(failing);
        Init = n => new ValueTask<InitResult>(n > 1 && (set.Count == 0 || set.Contains(n)) ? InitResult.Stop(reason) : InitResult.Ok);
        return this;
    }

    public ChildSpec Spec(Restart restart = Restart.Permanent, Shutdown? shutdown = null, bool significant = false) =>
        new(Id, context => GenServer.StartAsync(context.Node, () => new Worker(this, context.ExtraArguments), new StartOptions { Link = true, Name = Name }))
        {
            Restart = restart,
            Shutdown = shutdown,
            Significant = significant,
        };
}

/// <summary>A cast that runs an action inside the worker.</summary>
internal sealed class Do : CastMessage
{
    public Do(Action<Worker> action) => Action = action;

    public Action<Worker> Action { get; }
}

/// <summary>A call answered by the worker (proves it is up and serving).</summary>
internal sealed class Ping : CallMessage<string>
{
}

/// <summary>A GenServer driven by its <see cref="WorkerPlan"/>; every start and terminate is written to the plan's log.</summary>
internal sealed class Worker : GenServer
{
    private readonly WorkerPlan _plan;
    private readonly IReadOnlyList<object?> _arguments;
    private readonly int _generation;

    public Worker(WorkerPlan plan, IReadOnlyList<object?> arguments)
    {
        _plan = plan;
        _arguments = arguments;
        _generation = plan.NextGeneration();
        TrapExit = plan.TrapExit;
    }

    /// <summary>Crashes the worker at <paramref name="pid"/> with reason <c>boom</c> (its terminate hook runs).</summary>
    public static void Crash(Pid pid, ExitReason? reason = null) => GenServer.Cast(pid, new Do(w => w.StopWith(reason ?? ExitReason.Other("boom"))));

    /// <summary>Makes the worker's handler throw (a crash with the exception as reason).</summary>
    public static void Throw(Pid pid) => GenServer.Cast(pid, new Do(_ => throw new InvalidOperationException("worker failure")));

    public void StopWith(ExitReason reason) => Stop(reason);

    public void UnlinkFromParent() => Unlink(Parent);

    public MonitorRef MonitorFromTest(Pid target) => Monitor(target);

    protected override async ValueTask<InitResult> InitAsync()
    {
        _plan.Log.Write(new InitBegan(_plan.Id, _generation));
        var result = _plan.Init is { } init ? await init(_generation) : InitResult.Ok;
        if (result.Outcome == InitOutcome.Ok)
        {
            _plan.Log.Write(new Started(_plan.Id, Self, _generation, _arguments));
        }

        return result;
    }

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is Do action)
        {
            action.Action(this);
            return default;
        }

        return base.HandleCastAsync(cast);
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is Ping ping)
        {
            Reply(ping, $"{_plan.Id}#{_generation}");
            return default;
        }

        return base.HandleCallAsync(call);
    }

    protected override ValueTask HandleInfoAsync(object message) => default;

    protected override async ValueTask TerminateAsync(ExitReason reason)
    {
        _plan.Log.Write(new Terminating(_plan.Id, Self, _generation, reason));
        if (_plan.TerminateGate is { } gate)
        {
            await gate;
        }
    }
}
