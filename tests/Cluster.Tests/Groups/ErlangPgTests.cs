using System.Diagnostics;
using System.Threading;
using Arbor.Cluster.Tests.Support;
using Arbor.Tests.Shared;

namespace Arbor.Cluster.Tests.Groups;

/// <summary>
/// An Arbor scope and a real Erlang <c>pg</c> scope share groups: the Arbor node (hidden) discovers the Erlang scope,
/// Erlang's pg answers with a sync and watches the Arbor scope, and joins and leaves flow both ways in pg's own messages.
/// </summary>
public sealed class ErlangPgTests
{
    // The Erlang side: start pg, join a process to erl_group, watch arbor_group and report each change on stdout.
    private const string Script =
        "{ok, _} = pg:start_link(), " +
        "M = spawn(fun() -> receive stop -> ok end end), " +
        "ok = pg:join(erl_group, M), " +
        "{_Ref, []} = pg:monitor(arbor_group), " +
        "io:format(\"ready~n\"), " +
        "Loop = fun L() -> receive {_, join, arbor_group, Pids} -> io:format(\"join ~p ~s~n\", [length(Pids), node(hd(Pids))]), L(); " +
        "{_, leave, arbor_group, Pids} -> io:format(\"leave ~p ~p~n\", [length(Pids), length(pg:get_members(arbor_group))]), L() " +
        "after 60000 -> halt(1) end end, " +
        "Loop().";

    [ErlangFact]
    public async Task An_Arbor_scope_and_an_Erlang_pg_scope_share_groups()
    {
        var epmdPort = FreePort();
        var cookie = "pg-interop";
        await using var node = await ArborNode.StartAsync(new ArborNodeOptions
        {
            Name = TestCluster.NewName("pgi").Split('@')[0],
            Cookie = cookie,
            Distribution = new Arbor.Distribution.DistributionOptions { EpmdPort = epmdPort },
        });
        var scope = await ProcessGroups.StartAsync(node);
        var watcher = await Probe.StartAsync(node);
        await scope.MonitorAsync(watcher.Pid, Atom.Of("erl_group"));

        var alive = "erlpg" + Environment.ProcessId;
        using var erl = StartErl(alive, cookie, epmdPort);
        try
        {
            await ExpectLineAsync(erl, line => line == "ready");
            await node.ConnectAsync(alive); // node-up: the Arbor scope says discover to {pg, erl}

            var erlMember = Assert.Single((await watcher.NextAsync<GroupJoined>()).Pids);
            Assert.True(erlMember.IsRemote);
            Assert.StartsWith(alive + "@", erlMember.Node);
            Assert.Equal([erlMember], scope.GetMembers(Atom.Of("erl_group")));

            var member = await Probe.StartAsync(node);
            await scope.JoinAsync(Atom.Of("arbor_group"), member.Pid);
            await ExpectLineAsync(erl, line => line == "join 1 " + node.NodeName);

            node.Exit(member.Pid, ExitReason.Kill);
            await ExpectLineAsync(erl, line => line == "leave 1 0");

            erl.Kill(entireProcessTree: true);
            Assert.Equal([erlMember], (await watcher.NextAsync<GroupLeft>()).Pids); // the Erlang scope's node is lost
            Assert.Empty(scope.GetMembers(Atom.Of("erl_group")));
        }
        finally
        {
            if (!erl.HasExited)
            {
                erl.Kill(entireProcessTree: true);
            }
        }
    }

    private static System.Diagnostics.Process StartErl(string alive, string cookie, int epmdPort)
    {
        var info = new ProcessStartInfo(ErlangTools.Require("erl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-sname", alive, "-setcookie", cookie, "-noshell", "-start_epmd", "false", "-eval", Script })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("erl did not start");
    }

    private static async Task ExpectLineAsync(System.Diagnostics.Process erl, Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (true)
        {
            var line = await erl.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"erl ended; it printed [{string.Join(" | ", seen)}]: {await erl.StandardError.ReadToEndAsync(timeout.Token)}");
            seen.Add(line.Trim());
            if (match(line.Trim()))
            {
                return;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
