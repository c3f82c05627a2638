using System;
using Arbor;

namespace Chat;

/// <summary>
/// Crash injection: every interval it crashes a random session, and every tenth time a random room, through their
/// normal clients. Supervisors restart them; the summary shows the service carrying on.
/// </summary>
[GenServer]
public partial class ChaosMonkey
{
    private readonly int _sessions;
    private readonly int _rooms;
    private readonly TimeSpan _interval;
    private readonly ChatMetrics _metrics;
    private readonly Random _random = new(7);
    private long _strikes;

    public ChaosMonkey(int sessions, int rooms, TimeSpan interval, ChatMetrics metrics)
    {
        _sessions = sessions;
        _rooms = rooms;
        _interval = interval;
        _metrics = metrics;
        SendAfter(interval, new Tick());
    }

    [Info] public void On(Tick tick)
    {
        // A target found by name is crashed and counted; one that is between a crash and its restart (its name briefly
        // free) is skipped, so every counted crash is one its supervisor restarts.
        var hit = false;
        if (++_strikes % 10 == 0)
        {
            var room = Node.Whereis<RoomRef>(Names.Room(_random.Next(_rooms)));
            if (!room.Pid.IsNone)
            {
                room.Crash();
                hit = true;
            }
        }
        else
        {
            var session = Node.Whereis<SessionRef>(Names.Session(_random.Next(_sessions)));
            if (!session.Pid.IsNone)
            {
                session.Crash();
                hit = true;
            }
        }

        if (hit)
        {
            _metrics.OnCrashInjected();
        }

        SendAfter(_interval, tick);
    }
}
