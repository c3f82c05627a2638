using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Arbor.Dashboard.Tests.Support;
using Arbor.Introspection.Remote;

namespace Arbor.Dashboard.Tests.Endpoints;

/// <summary>
/// The dashboard of one node showing another over distribution (<c>?node=</c>): two Arbor nodes over loopback in this
/// process, the other serving its introspection (<c>node.Introspection.ServeRemoteAsync</c>).
/// </summary>
public sealed class RemoteNodeTests
{
    private static async Task<Pid> StartRemoteTreeAsync(ArborNode node)
    {
        await node.StartSupervisorAsync(new SupervisorOptions { Name = "remote-app", Children = [Probe.Spec("remote-probe")] });
        return node.Whereis("remote-probe");
    }

    private static string Q(TwoNodes nodes) => "node=" + Uri.EscapeDataString(nodes.OtherName);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Arbor-Dashboard", "1");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_config_lists_the_connected_node_and_every_view_reads_that_node()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var probe = await StartRemoteTreeAsync(nodes.Other);
        using var client = nodes.Host.Client();

        var config = await Json.GetAsync(client, "arbor/api/config");
        Assert.Equal([nodes.Dashboard.NodeName, nodes.OtherName], config.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        var shown = await Json.GetAsync(client, "arbor/api/config?" + Q(nodes));
        Assert.Equal(nodes.OtherName, shown.GetProperty("shown").GetString());
        Assert.False(shown.GetProperty("allowActions").GetBoolean());

        var page = await Json.GetAsync(client, "arbor/api/processes?sort=Name&" + Q(nodes));
        Assert.Equal(nodes.Other.ProcessCount, page.GetProperty("total").GetInt32());
        var names = page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("remote-probe", names);
        Assert.Contains(NodeIntrospectionName, names);

        var details = await Json.GetAsync(client, $"arbor/api/processes/{probe.Id}?" + Q(nodes));
        Assert.Equal("probe remote-probe", details.GetProperty("state").GetString());
        Assert.Equal(probe.Id, details.GetProperty("summary").GetProperty("id").GetInt64());

        var tree = await Json.GetAsync(client, "arbor/api/tree?" + Q(nodes));
        Assert.Equal("remote-app", tree[0].GetProperty("name").GetString());
        Assert.Equal("remote-probe", tree[0].GetProperty("children")[0].GetProperty("id").GetString());

        var (name, tick) = await Json.FirstEventAsync(client, "arbor/api/stream?" + Q(nodes));
        Assert.Equal("tick", name);
        Assert.Equal("remote-app", tick.GetProperty("tree")[0].GetProperty("name").GetString());
        Assert.InRange(tick.GetProperty("counters").GetProperty("processCount").GetInt32(), 1, nodes.Other.ProcessCount);
    }

    [Fact]
    public async Task A_crash_on_the_other_node_is_in_its_crash_log_and_tree()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var probe = await StartRemoteTreeAsync(nodes.Other);
        using var client = nodes.Host.Client();

        Probe.Crash(probe);
        await nodes.Other.WhenExited(probe).WaitAsync(TimeSpan.FromSeconds(30));

        var tick = await Json.TickAsync(client, "arbor/api/stream?" + Q(nodes), t => t.GetProperty("tree")[0].GetProperty("children")[0].GetProperty("restarts").GetInt32() == 1);
        Assert.Contains(tick.GetProperty("crashes").EnumerateArray(), c => c.GetProperty("reason").GetString()!.Contains("injected by the test", StringComparison.Ordinal));
        var child = tick.GetProperty("tree")[0].GetProperty("children")[0];
        Assert.Contains("injected by the test", child.GetProperty("lastExit").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_does_not_serve_its_introspection_is_reported_with_what_to_call()
    {
        await using var nodes = await TwoNodes.StartAsync(otherServes: false);
        using var client = nodes.Host.Client();

        using var response = await client.GetAsync("arbor/api/processes?" + Q(nodes));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("ServeRemoteAsync", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (name, data) = await Json.FirstEventAsync(client, "arbor/api/stream?" + Q(nodes));
        Assert.Equal("unavailable", name);
        Assert.Contains("ServeRemoteAsync", data.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_is_not_connected_is_not_found()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var client = nodes.Host.Client();

        using var response = await client.GetAsync("arbor/api/processes?node=nobody%40nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not a node connected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_on_the_other_node_is_refused_there_unless_that_node_allows_actions()
    {
        await using var nodes = await TwoNodes.StartAsync(options => options.AllowDestructiveActions = true);
        var probe = await StartRemoteTreeAsync(nodes.Other);
        using var client = nodes.Host.Client();

        using var refused = await PostAsync(client, $"arbor/api/actions/kill/{probe.Id}?" + Q(nodes));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("does not allow destructive actions", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(probe.IsAlive);
        Assert.Contains(nodes.OtherLogs.Lines("Arbor.Introspection"), line => line.Contains("refused", StringComparison.Ordinal) && line.Contains(nodes.Dashboard.NodeName!, StringComparison.Ordinal));
        Assert.Contains(nodes.Host.Logs.Lines("Arbor.Dashboard"), line => line.Contains("refused by the node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_both_nodes_allow_actions_a_process_of_the_other_node_is_killed_and_both_log_it()
    {
        await using var nodes = await TwoNodes.StartAsync(options => options.AllowDestructiveActions = true, new RemoteIntrospectionOptions { AllowDestructiveActions = true });
        var probe = await StartRemoteTreeAsync(nodes.Other);
        using var client = nodes.Host.Client();
        Assert.True((await Json.GetAsync(client, "arbor/api/config?" + Q(nodes))).GetProperty("allowActions").GetBoolean());

        using var done = await PostAsync(client, $"arbor/api/actions/kill/{probe.Id}?" + Q(nodes));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(ExitKind.Killed, (await nodes.Other.WhenExited(probe).WaitAsync(TimeSpan.FromSeconds(30))).Kind);
        Assert.Contains(nodes.OtherLogs.Lines("Arbor.Introspection"), line => line.Contains("killed", StringComparison.Ordinal));
        Assert.Contains(nodes.Host.Logs.Lines("Arbor.Dashboard"), line => line.Contains("killed", StringComparison.Ordinal) && line.Contains(nodes.OtherName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_other_node_refuses_actions_when_this_dashboard_does_not_allow_them_even_if_it_would()
    {
        await using var nodes = await TwoNodes.StartAsync(serve: new RemoteIntrospectionOptions { AllowDestructiveActions = true });
        var probe = await StartRemoteTreeAsync(nodes.Other);
        using var client = nodes.Host.Client();

        using var refused = await PostAsync(client, $"arbor/api/actions/kill/{probe.Id}?" + Q(nodes));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(probe.IsAlive);
        Assert.False((await Json.GetAsync(client, "arbor/api/config?" + Q(nodes))).GetProperty("allowActions").GetBoolean());
    }

    private const string NodeIntrospectionName = Introspection.NodeIntrospection.RemoteServiceName;
}
