using System.Linq;
using Arbor.Hosting;
using Arbor.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arbor.Hosting.Tests;

/// <summary>The tree starts with the host: children in order, services as start arguments, failures fail the host.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Root_children_start_with_the_host_in_declaration_order_and_are_found_by_name()
    {
        var journal = new Journal();
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor => arbor
            .AddChild(Worker.ChildSpec("a", journal, name: "a"))
            .AddChild(Worker.ChildSpec("b", journal, name: "b"))));

        await host.StartAsync().WaitAsync(s_hangGuard);

        Assert.Equal(["start a", "start b"], journal.Entries);
        Assert.Equal("b", await host.Node().Whereis<WorkerRef>("b").LabelAsync());
        var children = await host.Root().WhichChildrenAsync();
        Assert.Equal(["a", "b"], children.Select(child => child.Id));
        Assert.Equal(host.Root().Pid, host.Node().Whereis("arbor.root"));
        await host.StopAsync().WaitAsync(s_hangGuard);
    }

    [Fact]
    public async Task Children_registered_with_AddArborChild_are_built_from_services_and_start_after_configured_ones()
    {
        using var host = TestHost.Build(new CapturedLogs(), services =>
        {
            services.AddSingleton<Journal>();
            services.AddArborChild(provider => Worker.ChildSpec("second", provider.GetRequiredService<Journal>(), name: "second"));
            services.AddArbor(arbor => arbor.AddChild(provider => Worker.ChildSpec("first", provider.GetRequiredService<Journal>(), name: "first")));
            services.AddArborChild(provider => Worker.ChildSpec("third", provider.GetRequiredService<Journal>(), name: "third"));
        });

        await host.StartAsync().WaitAsync(s_hangGuard);

        Assert.Equal(["start first", "start second", "start third"], host.Services.GetRequiredService<Journal>().Entries);
        await host.StopAsync().WaitAsync(s_hangGuard);
    }

    [Fact]
    public void The_node_logs_through_the_hosts_logger_factory()
    {
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor());

        Assert.Same(host.Services.GetRequiredService<ILoggerFactory>(), host.Node().LoggerFactory);
        Assert.Same(host.Node(), host.Services.GetRequiredService<ArborRootSupervisor>().Node);
    }

    [Fact]
    public async Task A_child_that_fails_to_start_fails_the_host_start_and_leaves_nothing_running()
    {
        var journal = new Journal();
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor => arbor
            .AddChild(Worker.ChildSpec("ok", journal))
            .AddChild(Broken.ChildSpec("no database"))));

        var failure = await Assert.ThrowsAsync<SupervisorStartException>(() => host.StartAsync().WaitAsync(s_hangGuard));

        Assert.Contains("no database", failure.ToString());
        Assert.Equal(["start ok", "stop ok shutdown"], journal.Entries);
        Assert.Equal(0, host.Node().ProcessCount);
    }

    [Fact]
    public async Task Invalid_root_options_fail_the_host_start_with_the_option_named()
    {
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor(arbor => arbor.MaxRestarts = -1));

        var failure = await Assert.ThrowsAsync<InvalidSupervisorOptionsException>(() => host.StartAsync().WaitAsync(s_hangGuard));

        Assert.Contains("MaxRestarts", failure.Message);
        Assert.Equal(0, host.Node().ProcessCount);
    }

    [Fact]
    public void Adding_Arbor_twice_is_refused_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddArbor();

        var failure = Assert.Throws<InvalidOperationException>(() => services.AddArbor());

        Assert.Contains("AddArbor was called twice", failure.Message);
    }

    [Fact]
    public void The_root_supervisor_is_not_reachable_before_the_host_starts()
    {
        using var host = TestHost.Build(new CapturedLogs(), services => services.AddArbor());

        var failure = Assert.Throws<InvalidOperationException>(() => host.Root());

        Assert.Contains("starts with the host", failure.Message);
    }
}
