using System;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;

namespace Arbor.Runtime.Tests.Timers;

/// <summary>
/// A shorter idle timeout set while a longer one is pending fires at the shorter time (it used to wait for the longer
/// one: re-arming was skipped while the old timer was in flight).
/// </summary>
public sealed class IdleTimeoutRearmTests
{
    [Fact]
    public async Task A_shorter_idle_timeout_set_after_a_longer_one_fires_first()
    {
        await using var node = await ArborNode.StartAsync();
        var probe = await ProbeHandle.StartAsync(node);
        var server = await Scripted.StartOkAsync(node, new Script
        {
            Call = (s, ask) =>
            {
                s.Answer(ask, s.MyNode.Timers.HeapCount);
                return default;
            },
            Cast = (s, tell) =>
            {
                switch (tell.Payload)
                {
                    case "long":
                        s.IdleTimeout = TimeSpan.FromMinutes(10);
                        break;
                    case "clear":
                        s.IdleTimeout = null;
                        break;
                    case "short":
                        s.IdleTimeout = TimeSpan.FromMilliseconds(20);
                        // Due well after the short timeout and long before the long one, on the same timer thread.
                        s.MyNode.SendAfter(probe.Pid, TimeSpan.FromSeconds(2), "marker");
                        break;
                }

                return default;
            },
            Info = (s, message) =>
            {
                if (message is IdleTimeout)
                {
                    s.IdleTimeout = null;
                    probe.Pid.Send("idle");
                }

                return default;
            },
        });

        Scripted.Tell(server, "long");

        // The long timer is armed when the server goes idle after the cast: wait until it is (bounded; no sleep).
        var armed = server.Process!;
        var deadline = DateTime.UtcNow + Patience.Limit;
        while (armed.ExtrasIfAny?.IdleTimer is not { InFlight: true } && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.True(armed.ExtrasIfAny?.IdleTimer?.InFlight, "the long idle timer was never armed");
        Scripted.Tell(server, "clear");
        Scripted.Tell(server, "short");

        Assert.Equal("idle", await probe.ReceiveAsync<string>());
        Assert.Equal("marker", await probe.ReceiveAsync<string>());
    }
}
