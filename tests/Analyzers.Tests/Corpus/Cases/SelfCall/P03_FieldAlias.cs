// Positive: init keeps its own client in a field; a later handler calls through it.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P03;

[GenServer]
public partial class Scheduler
{
    private readonly SchedulerRef _self;
    private int _jobs;

    public Scheduler() => _self = SelfRef;

    [Call] public int Jobs() => _jobs;

    [Cast]
    public async ValueTask Report()
    {
        var jobs = await _self.JobsAsync(); //~ ARB1010
        System.Console.WriteLine(jobs);
    }

    [Cast] public void Add() => _jobs++;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Scheduler.ChildSpec() };
}
