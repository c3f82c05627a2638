using Arbor.Hosting.Tests.Support;
using Arbor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Arbor.Hosting.Tests;

/// <summary>Closes itself after an hour without a message (an idle timeout), to show which clock the node runs on.</summary>
[GenServer]
public partial class Napper
{
    public Napper() => IdleTimeout = TimeSpan.FromHours(1);

    [Call] public bool Poke() => true;

    [Info] public void OnIdle(IdleTimeout idle) => Stop(ExitReason.Normal);
}

/// <summary>A hosted node takes its time from the hosting options or the host's services, so a test host can run it on virtual time.</summary>
public sealed class VirtualTimeTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_hosted_node_runs_on_the_TimeProvider_registered_in_the_hosts_services()
    {
        var time = new VirtualTime();
        using var host = TestHost.Build(new CapturedLogs(), services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddArbor(arbor => arbor.TrackInFlightWork = true);
        });
        await host.StartAsync().WaitAsync(s_hangGuard);
        var node = host.Node();
        var napper = await Napper.StartAsync(node);

        Assert.Same(time, node.TimeProvider);
        await time.AdvanceAsync(node, TimeSpan.FromMinutes(59));
        Assert.True(await napper.PokeAsync());
        await time.AdvanceAsync(node, TimeSpan.FromHours(1));

        Assert.Equal(ExitReason.Normal, await node.WhenExited(napper.Pid).WaitAsync(s_hangGuard));
        await host.StopAsync().WaitAsync(s_hangGuard);
    }

    [Fact]
    public void The_hosting_options_clock_wins_over_the_services_one()
    {
        var chosen = new VirtualTime();
        using var host = TestHost.Build(new CapturedLogs(), services =>
        {
            services.AddSingleton<TimeProvider>(new VirtualTime());
            services.AddArbor(arbor => arbor.TimeProvider = chosen);
        });

        Assert.Same(chosen, host.Node().TimeProvider);
        Assert.False(host.Node().Introspection.TracksInFlightWork);
    }

    [Fact]
    public void Without_either_the_node_runs_on_the_system_clock()
    {
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor());

        Assert.Same(TimeProvider.System, host.Node().TimeProvider);
    }
}
