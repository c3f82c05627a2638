using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>A cast that runs an action inside the probe.</summary>
internal sealed class Run(Action action) : CastMessage
{
    public Action Action { get; } = action;
}

/// <summary>A plain GenServer the tests crash, block and flood; its state prints as <c>probe {name}</c>.</summary>
internal sealed class Probe(string label) : GenServer
{
    public static ChildSpec Spec(string id) =>
        new(id, context => StartAsync(context.Node, () => new Probe(id), new StartOptions { Link = true, Name = id }));

    /// <summary>Makes the probe's handler throw: a crash its supervisor restarts.</summary>
    public static void Crash(Pid pid) => Cast(pid, new Run(() => throw new InvalidOperationException("injected by the test")));

    /// <summary>Holds the probe in a handler until <paramref name="gate"/> is set, then queues <paramref name="flood"/> more messages.</summary>
    public static void Flood(Pid pid, ManualResetEventSlim gate, int flood)
    {
        Cast(pid, new Run(() => gate.Wait()));
        for (var i = 0; i < flood; i++)
        {
            Cast(pid, new Run(() => { }));
        }
    }

    public override string ToString() => "probe " + label;

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        if (cast is Run run)
        {
            run.Action();
            return default;
        }

        return base.HandleCastAsync(cast);
    }
}
