using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arbor.Hosting.Tests.Support;

/// <summary>A real generic host (Host.CreateApplicationBuilder) with Arbor added and logging captured.</summary>
public static class TestHost
{
    public static IHost Build(CapturedLogs logs, Action<IServiceCollection> configure, TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        if (shutdownTimeout is { } timeout)
        {
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        }

        configure(builder.Services);
        return builder.Build();
    }

    public static ArborNode Node(this IHost host) => host.Services.GetRequiredService<ArborNode>();

    public static SupervisorRef Root(this IHost host) => host.Services.GetRequiredService<Arbor.Hosting.ArborRootSupervisor>().Supervisor;
}
