// Negative: a job scheduler with SendAfter timers, awaited work and a cast to itself.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.N02;

public sealed record Due(int JobId);

[GenServer]
public partial class Scheduler
{
    private readonly Dictionary<int, DateTime> _jobs = new();
    private int _ran;

    [Call]
    public int Schedule(int id, TimeSpan delay)
    {
        _jobs[id] = DateTime.UtcNow + delay;
        SendAfter(delay, new Due(id));
        return _jobs.Count;
    }

    [Info]
    public async ValueTask On(Due due)
    {
        if (!_jobs.Remove(due.JobId)) return;
        await Task.Delay(1);
        _ran++;
        if (_jobs.Count == 0) SelfRef.Idle();
    }

    [Cast] public void Idle() => Console.WriteLine($"idle after {_ran} jobs");
    [Call] public IReadOnlyList<int> Pending() => _jobs.Keys.OrderBy(k => k).ToList();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Scheduler.ChildSpec(name: "scheduler") };
}
