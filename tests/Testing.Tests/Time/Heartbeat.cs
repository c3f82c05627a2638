namespace Arbor.Testing.Tests.Time;

/// <summary>The timer message of <see cref="Pulse"/>.</summary>
public sealed record Beat;

/// <summary>A server that sets its next timer each time one fires (a heartbeat every second).</summary>
[GenServer]
public partial class Pulse
{
    private int _beats;

    public Pulse() => SendAfter(TimeSpan.FromSeconds(1), new Beat());

    [Info] public void On(Beat beat)
    {
        _beats++;
        SendAfter(TimeSpan.FromSeconds(1), beat);
    }

    [Call] public int Beats() => _beats;
}
