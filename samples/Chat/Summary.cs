using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Arbor;

namespace Chat;

/// <summary>Prints a line a second while the service runs (rates, process counts, crashes, restarts), then the totals.</summary>
public sealed class Summary(ArborNode node, ChatOptions options, ChatMetrics metrics)
{
    private readonly Stopwatch _clock = new();
    private long _slowestSecond = long.MaxValue;

    /// <summary>Reports every second until <see cref="ChatOptions.Duration"/> has passed or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var sessions = node.Whereis<DynamicSupervisorRef>(Names.Sessions);
        var rooms = node.Whereis<DynamicSupervisorRef>(Names.Rooms);
        _clock.Start();
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var seconds = (int)Math.Ceiling(options.Duration.TotalSeconds);
        var (lastPosted, lastDelivered, lastTime) = (metrics.Posted, metrics.Delivered, TimeSpan.Zero);
        for (var tick = 1; await Tick(ticker, stopping); tick++)
        {
            var now = _clock.Elapsed;
            var interval = (now - lastTime).TotalSeconds;
            var (posted, delivered) = (metrics.Posted, metrics.Delivered);
            var deliveriesPerSecond = (long)((delivered - lastDelivered) / interval);
            _slowestSecond = Math.Min(_slowestSecond, deliveriesPerSecond);
            var liveSessions = (await sessions.CountChildrenAsync()).Active;
            var liveRooms = (await rooms.CountChildrenAsync()).Active;
            Console.WriteLine(
                $"[{now.TotalSeconds,4:0}s] sessions {liveSessions,6:N0} | rooms {liveRooms,4:N0} | processes {node.ProcessCount,6:N0} | " +
                $"posts/s {(posted - lastPosted) / interval,8:N0} | deliveries/s {deliveriesPerSecond,10:N0} | " +
                $"crashes {metrics.CrashesInjected,5:N0} | restarts {SessionRestarts,5:N0} sessions, {RoomRestarts,3:N0} rooms");
            (lastPosted, lastDelivered, lastTime) = (posted, delivered, now);
            if (tick >= seconds)
            {
                return;
            }
        }
    }

    private long SessionRestarts => metrics.SessionStarts - options.Users;

    private long RoomRestarts => metrics.RoomStarts - options.Rooms;

    /// <summary>The totals, once the tree has stopped.</summary>
    public void PrintTotals()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Ran {seconds:0.0} s with {options.Users:N0} sessions in {options.Rooms:N0} rooms.");
        Console.WriteLine($"  posted     {metrics.Posted,12:N0}  ({metrics.Posted / seconds:N0}/s)");
        Console.WriteLine($"  delivered  {metrics.Delivered,12:N0}  ({metrics.Delivered / seconds:N0}/s; slowest second {(_slowestSecond == long.MaxValue ? 0 : _slowestSecond):N0}/s)");
        Console.WriteLine($"  crashes    {metrics.CrashesInjected,12:N0}  injected");
        Console.WriteLine($"  restarts   {SessionRestarts + RoomRestarts,12:N0}  ({SessionRestarts:N0} sessions, {RoomRestarts:N0} rooms), each by its supervisor");
    }

    private static async Task<bool> Tick(PeriodicTimer ticker, CancellationToken stopping)
    {
        try
        {
            return await ticker.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
