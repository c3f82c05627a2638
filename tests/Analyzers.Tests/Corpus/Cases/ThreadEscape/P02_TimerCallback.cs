// Positive: a System.Threading.Timer started in init calls an instance method on timer threads.
using System;
using System.Threading;
using Arbor;

namespace Corpus.ThreadEscape.P02;

[GenServer]
public partial class Heartbeat
{
    private readonly Timer _timer;
    private int _beats;

    public Heartbeat()
    {
        _timer = new Timer(_ => Beat(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)); //~ ARB1005
    }

    [Call] public int Beats() => _beats;
    [Terminate] public void Cleanup(ExitReason reason) => _timer.Dispose();

    private void Beat() => _beats++;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Heartbeat.ChildSpec() };
}
