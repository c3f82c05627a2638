using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.PeerProcess;

/// <summary>An Arbor node in another OS process (this assembly run as a program): calls, monitors, and the loss of the process.</summary>
public sealed class SeparateProcessTests
{
    [Fact]
    public async Task A_node_in_another_process_answers_calls_and_its_death_shows_as_noconnection()
    {
        var epmd = TestNodes.FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.UniqueAlive("host"), epmd, "proc-cookie");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Arbor.Distribution.Tests.dll"), "peer-node", TestNodes.UniqueAlive("child"), "proc-cookie", epmd.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var child = System.Diagnostics.Process.Start(info)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var ready = await child.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the peer process exited before it was ready");
            var childNode = ready["ready ".Length..];

            Assert.Equal(3L, await node.CallAsync("counter", childNode, new ErlangTuple(Atom.Of("add"), 3L)));
            var remote = (Pid)(await node.CallAsync("counter", childNode, Atom.Of("self")))!;
            var watcher = await Served.StartAsync(node);
            watcher.Do(new TestServer.MonitorTarget(remote));
            await watcher.NextAsync<MonitorRef>();
            await node.CallAsync("counter", childNode, Atom.Of("get")); // the MONITOR_P has arrived

            child.Kill(entireProcessTree: true);
            var down = await watcher.NextAsync<Down>();
            Assert.Equal(remote, down.Pid);
            Assert.Equal(ExitReason.NoConnection, down.Reason);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync();
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
