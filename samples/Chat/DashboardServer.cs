using System.Threading.Tasks;
using Arbor;
using Arbor.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Chat;

/// <summary>The live dashboard for the chat run (<c>--dashboard PORT</c>): a small web server on the loopback address.</summary>
internal static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(ArborNode node, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        // Read-only: the chaos monkey does the killing here.
        app.MapArborDashboard("/arbor", options => options.Node = node);
        await app.StartAsync();
        System.Console.WriteLine($"Dashboard: http://127.0.0.1:{port}/arbor/");
        return app;
    }
}
