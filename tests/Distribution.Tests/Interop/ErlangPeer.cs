using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// A real <c>erl</c> node running <c>arbor_peer</c> (compiled with <c>erlc</c> here), registered with the test's own
/// EPMD port (<c>ERL_EPMD_PORT</c>, <c>-start_epmd false</c>: it uses the Arbor node's embedded registrar and leaves no
/// daemon behind). Ready once it prints "ready".
/// </summary>
internal sealed class ErlangPeer : IAsyncDisposable
{
    private static readonly Lazy<string> s_compiled = new(Compile);
    private readonly System.Diagnostics.Process _process;

    private ErlangPeer(System.Diagnostics.Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>The node's full name (<c>alive@host</c>).</summary>
    public string Name { get; }

    public static async Task<ErlangPeer> StartAsync(string alive, string cookie, int epmdPort, string? extraArgs = null)
    {
        var erl = ErlangTools.Require("erl");
        var info = new ProcessStartInfo(erl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-sname", alive, "-setcookie", cookie, "-noshell", "-start_epmd", "false", "-pa", s_compiled.Value, "-eval", "arbor_peer:start()" })
        {
            info.ArgumentList.Add(arg);
        }

        if (extraArgs is not null)
        {
            foreach (var arg in extraArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.Environment["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("erl did not start");
        var peer = new ErlangPeer(process, alive + "@" + Nodes.NodeName.LocalHost(longNames: false));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                    throw new InvalidOperationException($"erl exited before it was ready: {error}");
                }

                if (line.Trim() == "ready")
                {
                    return peer;
                }
            }
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string Compile()
    {
        var erlc = ErlangTools.Require("erlc");
        var output = Path.Combine(Path.GetTempPath(), "arbor-dist-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(output);
        var source = Path.Combine(AppContext.BaseDirectory, "Interop", "arbor_peer.erl");
        var info = new ProcessStartInfo(erlc) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-o");
        info.ArgumentList.Add(output);
        info.ArgumentList.Add(source);
        using var process = System.Diagnostics.Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"erlc failed: {errors}");
    }
}
