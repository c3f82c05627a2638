using System.Collections.Generic;

namespace Arbor.Package.Tests.Support;

/// <summary>The code of the throwaway consumer projects: what a user writes after <c>dotnet add package Arbor</c>.</summary>
public static class ConsumerSources
{
    public const string Counter = """
        using Arbor;

        namespace Consumer;

        [GenServer]
        public partial class Counter
        {
            private int _count;

            public Counter(int start) => _count = start;

            [Call] public int Add(int by) => _count += by;

            [Cast] public void Crash() => throw new InvalidOperationException("boom");
        }
        """;

    public const string Program = """
        using Arbor;
        using Consumer;

        await using var node = await ArborNode.StartAsync();
        var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
            Counter.ChildSpec(start: 10, name: "counter"));
        var counter = node.Whereis<CounterRef>("counter");
        var first = await counter.AddAsync(5);
        counter.Crash();
        await node.WhenExited(counter.Pid);
        // The supervisor answers with the new child once it has handled the exit (a call or two).
        var restarted = counter;
        while (restarted == counter)
        {
            restarted = CounterRef.FromPid((await supervisor.WhichChildrenAsync())[0].Pid);
        }

        var second = await restarted.AddAsync(1);
        Console.WriteLine($"first={first} second={second} restarted={restarted.Pid != counter.Pid}");
        await supervisor.StopAsync();
        """;

    /// <summary>A seeded defect: a call handler that swallows every exception (ARB1001).</summary>
    public const string CatchAllDefect = """
        using Arbor;

        namespace Consumer;

        [GenServer]
        public partial class Divider
        {
            [Call] public int Divide(int a, int b)
            {
                try
                {
                    return a / b;
                }
                catch (Exception)
                {
                    return 0;
                }
            }
        }

        public static class DividerSupervision
        {
            public static ChildSpec Spec() => Divider.ChildSpec();
        }
        """;

    public static IReadOnlyDictionary<string, string> App => new Dictionary<string, string>
    {
        ["Counter.cs"] = Counter,
        ["Program.cs"] = Program,
    };

    public static IReadOnlyDictionary<string, string> AppWithDefect(string? editorConfig = null)
    {
        var files = new Dictionary<string, string>
        {
            ["Counter.cs"] = Counter,
            ["Program.cs"] = Program,
            ["Divider.cs"] = CatchAllDefect,
        };
        if (editorConfig is not null)
        {
            files[".editorconfig"] = editorConfig;
        }

        return files;
    }

    /// <summary>A program that tests the counter with the packed test kit (no test framework: the kit needs none).</summary>
    public const string TestKitProgram = """
        using Arbor;
        using Arbor.Testing;
        using Consumer;

        await using var test = await ArborTestNode.StartAsync();
        var counter = await test.StartSupervisedAsync<CounterRef>(Counter.ChildSpec(start: 10, restart: Restart.Temporary));
        var probe = await test.CreateProbeAsync();
        await probe.MonitorAsync(counter.Pid);
        var added = await counter.AddAsync(5);
        counter.Crash();
        var down = await probe.ExpectDownAsync(counter.Pid);
        var report = await test.Logs.ExpectCrashReportAsync(counter.Pid);
        Console.WriteLine($"added={added} down={down.Reason.Exception?.Message} report={report.Exception?.Message}");
        """;

    public static IReadOnlyDictionary<string, string> TestKitApp => new Dictionary<string, string>
    {
        ["Counter.cs"] = Counter,
        ["Program.cs"] = TestKitProgram,
    };

    /// <summary>
    /// A web application that adds the dashboard with its one line, serves it on a loopback port and reads its page, script
    /// and first page of processes back; prints what it got.
    /// </summary>
    public const string DashboardProgram = """
        using System.Net.Http;
        using System.Text.Json;
        using Arbor;
        using Arbor.Dashboard;
        using Consumer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        await using var node = await ArborNode.StartAsync();
        await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
            Counter.ChildSpec(start: 10, name: "counter"));

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapArborDashboard("/arbor", options => options.Node = node);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
        var page = await client.GetStringAsync("arbor/");
        var script = await client.GetAsync("arbor/app.js");
        using var processes = JsonDocument.Parse(await client.GetStringAsync("arbor/api/processes?sort=Name"));
        var first = processes.RootElement.GetProperty("rows")[0].GetProperty("name").GetString();
        Console.WriteLine($"page={page.Contains("app.js")} script={(int)script.StatusCode} first={first} total={processes.RootElement.GetProperty("total").GetInt32() == node.ProcessCount}");
        await app.StopAsync();
        """;

    public static IReadOnlyDictionary<string, string> DashboardApp => new Dictionary<string, string>
    {
        ["Counter.cs"] = Counter,
        ["Program.cs"] = DashboardProgram,
    };
}
