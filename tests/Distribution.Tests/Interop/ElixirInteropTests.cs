using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>The README's Elixir one-liner, for real: <c>elixir --sname</c> calls and casts an Arbor server.</summary>
public sealed class ElixirInteropTests
{
    [ElixirFact]
    public async Task Elixir_GenServer_call_and_cast_reach_an_Arbor_server()
    {
        var epmd = TestNodes.FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.UniqueAlive("arbor"), epmd, cookie: "elixir-cookie");
        var server = await Served.StartAsync(node, "counter");
        var script =
            $"IO.puts(inspect(GenServer.call({{:counter, :\"{node.NodeName}\"}}, {{:add, 5}}))); " +
            $"GenServer.cast({{:counter, :\"{node.NodeName}\"}}, :reset); " +
            $"IO.puts(inspect(GenServer.call({{:counter, :\"{node.NodeName}\"}}, :get)))";
        var info = new ProcessStartInfo(ErlangTools.Require("elixir"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--sname", TestNodes.UniqueAlive("ex"), "--cookie", "elixir-cookie", "--erl", "-start_epmd false", "-e", script })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ERL_EPMD_PORT"] = epmd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var elixir = System.Diagnostics.Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = await elixir.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = await elixir.StandardError.ReadToEndAsync(timeout.Token);
        await elixir.WaitForExitAsync(timeout.Token);

        Assert.True(elixir.ExitCode == 0, $"elixir failed ({elixir.ExitCode}): {errors}");
        Assert.Equal(["5", "0"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.IsType<RemoteCast>(await server.NextAsync<RemoteCast>());
    }
}
