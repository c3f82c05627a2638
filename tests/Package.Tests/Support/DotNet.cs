using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace Arbor.Package.Tests.Support;

/// <summary>The outcome of a <c>dotnet</c> command: exit code and everything it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"$ {Command}\n(exit code {ExitCode})\n{Output}";
}

/// <summary>
/// Runs the .NET CLI as a child process the way a user would, isolated from the test host: no build servers (they would
/// outlive the test and keep its pipes open), no MSBuild settings inherited from <c>dotnet test</c>, and a private
/// NuGet packages folder so a package from an earlier run can never be picked up.
/// </summary>
public static class DotNet
{
    /// <summary>Long enough for a cold build on a busy machine; only there so a hung child fails the test instead of the run.</summary>
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(5);

    private static readonly string[] s_inheritedMsBuildVariables =
    [
        "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE", "MSBUILDDISABLENODEREUSE", "_MSBUILDTLENABLED", "VSTEST_HOST_DEBUG", "VSTEST_RUNNER_DEBUG",
    ];

    /// <summary>The dotnet executable: the one running these tests when the SDK says so, else the one on the PATH.</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// The NuGet global packages folder the repository restored into, as NuGet itself resolves it for the repository
    /// (environment, NuGet.config files, default), so Arbor's dependencies can be restored from it offline.
    /// </summary>
    public static async Task<string> GlobalPackagesFolder()
    {
        const string Prefix = "global-packages:";
        var locals = await Run(Repository.Root, ["nuget", "locals", "global-packages", "--list"]);
        var line = locals.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return locals.Succeeded && line is not null
            ? line[Prefix.Length..].Trim()
            : throw new InvalidOperationException("Could not find the NuGet global packages folder:\n" + locals);
    }

    public static async Task<CommandResult> Run(string workingDirectory, IReadOnlyList<string> arguments, string? packagesFolder = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in s_inheritedMsBuildVariables)
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (packagesFolder is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packagesFolder;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var guard = new CancellationTokenSource(s_hangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' did not finish within {s_hangGuard}:\n{Snapshot(output)}");
        }

        // The parameterless wait returns once the redirected streams have been read to the end.
        process.WaitForExit();
        return new CommandResult("dotnet " + string.Join(' ', arguments), process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
