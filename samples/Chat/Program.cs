using System;
using Arbor;
using Arbor.Hosting;
using Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

ChatOptions options;
try
{
    options = ChatOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine(bad.Message);
    Console.Error.WriteLine(ChatOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(ChatOptions.Usage);
    return 0;
}

var metrics = new ChatMetrics();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (!options.Verbose)
{
    // Every injected crash writes a crash report and a supervisor report: thousands of expected errors in a run.
    builder.Logging.AddFilter("Arbor.Process", LogLevel.None).AddFilter("Arbor.Supervisor", LogLevel.None);
}

// The root supervisor starts with the host and stops with it, children in reverse order.
builder.Services.AddArbor(arbor =>
{
    foreach (var supervisor in ChatService.Supervisors())
    {
        arbor.AddChild(supervisor);
    }
});

using var host = builder.Build();
await host.StartAsync();
var node = host.Services.GetRequiredService<ArborNode>();
var root = host.Services.GetRequiredService<ArborRootSupervisor>().Supervisor;

// With --dashboard, the live dashboard watches the run (the load and the chaos monkey included).
await using var dashboard = options.DashboardPort is { } port ? await DashboardServer.StartAsync(node, port) : null;

Console.WriteLine($"Starting {options.Rooms:N0} rooms and {options.Users:N0} sessions...");
await ChatService.PopulateAsync(node, options, metrics);

// The load generator and the chaos monkey join the tree last, once everyone is connected.
(await root.StartChildAsync(LoadGenerator.ChildSpec(options.Users, options.PostsPerSecond, id: "load"))).EnsureStarted("load");
if (options.Chaos)
{
    (await root.StartChildAsync(ChaosMonkey.ChildSpec(options.Users, options.Rooms, options.CrashEvery, metrics, id: "chaos"))).EnsureStarted("chaos");
}

Console.Write(await TreeDiagram.DrawAsync(root));
Console.WriteLine(
    $"Running for {options.Duration.TotalSeconds:0} s: {options.PostsPerSecond:N0} posts/s" +
    (options.Chaos ? $", a crash every {options.CrashEvery.TotalMilliseconds:0} ms" : ", no crash injection") + " (Ctrl+C stops early).");
var summary = new Summary(node, options, metrics);
await summary.RunAsync(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

Console.WriteLine("Stopping: the root supervisor shuts its children down in reverse start order...");
await host.StopAsync();
summary.PrintTotals();
return 0;
