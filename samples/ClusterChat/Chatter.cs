using System;
using System.Threading.Tasks;
using Arbor;

namespace ClusterChat;

/// <summary>Time to post again.</summary>
public sealed record PostTick;

/// <summary>How a node's chatters are doing, shared by the chatters of one node (only counters, updated atomically).</summary>
public sealed class ChatterCounters
{
    private long _delivered;
    private long _failed;

    public long Delivered => System.Threading.Interlocked.Read(ref _delivered);

    public long Failed => System.Threading.Interlocked.Read(ref _failed);

    public void OnDelivered() => System.Threading.Interlocked.Increment(ref _delivered);

    public void OnFailed() => System.Threading.Interlocked.Increment(ref _failed);
}

/// <summary>
/// A user on this node: every <see cref="Interval"/> it posts to one of the rooms, found by its global name wherever in
/// the cluster it runs. While a room's node is lost and its room not yet restarted elsewhere, a post fails (no holder,
/// or the call exits with <c>noconnection</c>); the chatter counts it and carries on.
/// </summary>
[GenServer]
public partial class Chatter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly string _user;
    private readonly int _rooms;
    private readonly ChatterCounters _counters;
    private int _next;

    public Chatter(string user, int rooms, ChatterCounters counters)
    {
        _user = user;
        _rooms = rooms;
        _counters = counters;
        _next = Math.Abs(user.GetHashCode()) % rooms;
    }

    protected override ValueTask<InitResult> InitAsync()
    {
        SendAfter(Interval, new PostTick());
        return new(InitResult.Ok);
    }

    [Info] public async ValueTask On(PostTick tick)
    {
        var name = ClusterNode.RoomName(_next++ % _rooms);
        var room = Node.Cluster.Global.Whereis<RoomRef>(name);
        try
        {
            if (room.Pid.IsNone)
            {
                _counters.OnFailed(); // between its node's loss and its restart on a survivor
            }
            else
            {
                await room.PostAsync(_user, $"hello from {Node.NodeName}");
                _counters.OnDelivered();
            }
        }
        catch (CallException)
        {
            _counters.OnFailed();
        }

        SendAfter(Interval, tick);
    }
}
