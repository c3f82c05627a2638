using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Arbor.Runtime.Tests.Faults;

/// <summary>
/// Runs the fault workload (tests/FaultWorkload) in a child OS process and requires exit code 0: an exception the runtime
/// lets escape onto a pool or timer thread aborts the child, which fails this test instead of killing the test host.
/// </summary>
public sealed class ChildProcessFaultTests
{
    [Fact]
    public async Task The_fault_workload_runs_to_completion_in_its_own_process()
    {
        var workload = Path.Combine(AppContext.BaseDirectory, "Arbor.FaultWorkload.dll");
        Assert.True(File.Exists(workload), $"the workload should be built next to the tests: {workload}");
        var start = new ProcessStartInfo(DotnetHost(), $"exec \"{workload}\" 10")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var child = System.Diagnostics.Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        try
        {
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail("the fault workload hung");
        }

        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}\n{await output}\n{await errors}");
        Assert.Contains("rounds completed", await output);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
