using System;
using System.Diagnostics;
using Arbor;

namespace Chat;

/// <summary>A timer tick of a process that works in steps.</summary>
public sealed record Tick;

/// <summary>
/// Plays the users: on every tick it makes as many randomly chosen users say something as the target rate asks for.
/// It finds sessions by name, so it keeps driving a session across its restarts; a post to a session that is being
/// restarted is dropped, as a message to a dead process is.
/// </summary>
[GenServer]
public partial class LoadGenerator
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(10);

    private readonly int _sessions;
    private readonly int _postsPerSecond;
    private readonly Random _random = new(42);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _sent;

    public LoadGenerator(int sessions, int postsPerSecond)
    {
        _sessions = sessions;
        _postsPerSecond = postsPerSecond;
        SendAfter(s_tick, new Tick());
    }

    /// <summary>Catches up with the target rate (the timer is coarse, so each tick sends what is due since the start).</summary>
    [Info] public void On(Tick tick)
    {
        var due = (long)(_clock.Elapsed.TotalSeconds * _postsPerSecond);
        for (; _sent < due; _sent++)
        {
            var user = _random.Next(_sessions);
            Node.Whereis<SessionRef>(Names.Session(user)).Say($"message {_sent} from user {user}");
        }

        SendAfter(s_tick, tick);
    }
}
