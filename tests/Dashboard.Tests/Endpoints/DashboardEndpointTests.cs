using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Arbor.Dashboard.Tests.Endpoints;

/// <summary>The dashboard's HTTP surface without a browser: authorization, refused actions, bad input, the page and the live feed.</summary>
public sealed class DashboardEndpointTests
{
    private static Task<DashboardHost> StartWithPolicyAsync(bool allowActions = false) => DashboardHost.StartAsync(
        options => options.AllowDestructiveActions = allowActions,
        services =>
        {
            services.AddAuthentication(HeaderAuthentication.Name).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
            services.AddAuthorization(o => o.AddPolicy("operators", p => p.RequireRole("operator")));
        },
        app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
        },
        group => group.RequireAuthorization("operators"));

    private static HttpRequestMessage Get(string path, string? user = null, string? role = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
            request.Headers.Add("X-Test-Role", role ?? string.Empty);
        }

        return request;
    }

    [Theory]
    [InlineData("arbor/")]
    [InlineData("arbor/app.js")]
    [InlineData("arbor/api/processes")]
    [InlineData("arbor/api/tree")]
    [InlineData("arbor/api/stream")]
    public async Task A_required_policy_guards_the_page_and_every_endpoint(string path)
    {
        await using var host = await StartWithPolicyAsync();
        using var client = host.Client();

        using var anonymous = await client.SendAsync(Get(path));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrongRole = await client.SendAsync(Get(path, "mallory", "viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        using var allowed = await client.SendAsync(Get(path, "ada", "operator"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Actions_are_refused_and_logged_when_disabled()
    {
        await using var host = await DashboardHost.StartAsync();
        var victim = (await GenServer.StartAsync(host.Node, () => new Probe("victim"))).Pid;
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"arbor/api/actions/kill/{victim.Id}");
        request.Headers.Add("X-Arbor-Dashboard", "1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("AllowDestructiveActions", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(victim.IsAlive);
        Assert.Contains(host.Logs.Lines("Arbor.Dashboard"), line => line.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_action_without_the_dashboard_header_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(o => o.AllowDestructiveActions = true);
        var victim = (await GenServer.StartAsync(host.Node, () => new Probe("victim"))).Pid;
        using var client = host.Client();

        using var response = await client.PostAsync($"arbor/api/actions/kill/{victim.Id}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(victim.IsAlive);
    }

    [Fact]
    public async Task An_unknown_sort_column_gets_a_clear_error_and_an_unknown_process_a_404()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        using var sort = await client.GetAsync("arbor/api/processes?sort=Colour");
        Assert.Equal(HttpStatusCode.BadRequest, sort.StatusCode);
        Assert.Contains("MailboxDepth", await sort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await client.GetAsync("arbor/api/processes/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_page_is_self_contained()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();

        var html = await client.GetStringAsync("arbor/");
        var script = await client.GetStringAsync("arbor/app.js");
        var css = await client.GetStringAsync("arbor/app.css");

        Assert.Contains("<script src=\"app.js\">", html, StringComparison.Ordinal);
        foreach (var text in new[] { html, script, css })
        {
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("//cdn", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_live_feed_sends_ticks_with_counters_tree_and_crashes()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await client.GetAsync("arbor/api/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: tick", await reader.ReadLineAsync(timeout.Token));
        var data = await reader.ReadLineAsync(timeout.Token);
        Assert.StartsWith("data: {\"counters\":{", data, StringComparison.Ordinal);
        Assert.Contains("\"tree\":[", data, StringComparison.Ordinal);
        Assert.Contains("\"crashes\":[", data, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_refused_when_mapping()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => app.MapArborDashboard("/arbor", o => o.UpdateInterval = TimeSpan.FromMilliseconds(5)));
        Assert.Contains("UpdateInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_node_the_error_says_how_to_provide_one()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        var dashboard = new DashboardContext(new ArborDashboardOptions());
        var error = Assert.Throws<InvalidOperationException>(() => dashboard.Node(new DefaultHttpContext { RequestServices = app.Services }));
        Assert.Contains("AddArbor", error.Message, StringComparison.Ordinal);
    }
}
