using System.IO;
using System.Text.RegularExpressions;
using Arbor.Package.Tests.Support;

namespace Arbor.Package.Tests;

/// <summary>The samples the README sends a newcomer to run, run: Hello prints what the tour says, Chat survives its chaos, DoorLock walks its states.</summary>
public sealed partial class SamplesTests
{
    [Fact]
    public async Task Hello_prints_what_the_README_tour_shows()
    {
        var run = await DotNet.Run(Repository.Root, [SampleAssembly("Hello")]);

        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(
            """
            Hello, world! (greeting #1)
            Hello, Arbor! (greeting #2)
            greeter exited: System.InvalidOperationException: let it crash
            Hello, again! (greeting #1)
            a new process: True
            """,
            run.Output.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task DoorLock_opens_relocks_locks_out_and_answers_the_postponed_call()
    {
        var run = await DotNet.Run(Repository.Root, [SampleAssembly("DoorLock")]);

        Assert.True(run.Succeeded, run.ToString());
        var output = run.Output.Trim().ReplaceLineEndings("\n");
        Assert.StartsWith("stateDiagram-v2\n    [*] --> Locked\n", output);
        Assert.EndsWith(
            """
            starts: Locked -> Locked
            code 1234: Locked -> Open
            state timeout: Open -> Locked
            three wrong codes: Locked -> LockedOut
            lockout timeout: LockedOut -> Locked
            postponed Lock answered: Locked
            audited changes: 5
            """,
            output);
    }

    [Fact]
    public async Task Chat_keeps_delivering_while_sessions_and_rooms_crash_and_restart_and_exits_by_itself()
    {
        var run = await DotNet.Run(Repository.Root,
            [SampleAssembly("Chat"), "--duration", "3", "--users", "500", "--rooms", "10", "--rate", "500", "--crash-every", "50"]);

        Assert.True(run.Succeeded, run.ToString());
        Assert.Matches(SummaryLine(), run.Output);
        var crashes = long.Parse(Crashes().Match(run.Output).Groups[1].Value.Replace(",", ""));
        var restarts = long.Parse(Restarts().Match(run.Output).Groups[1].Value.Replace(",", ""));
        var delivered = long.Parse(Delivered().Match(run.Output).Groups[1].Value.Replace(",", ""));
        Assert.True(crashes > 0, run.ToString());
        Assert.True(restarts > 0, run.ToString());
        Assert.True(delivered > 0, run.ToString());
    }

    [Fact]
    public async Task Chat_rejects_a_bad_option_with_a_message_and_the_usage()
    {
        var run = await DotNet.Run(Repository.Root, [SampleAssembly("Chat"), "--users", "many"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--users must be a positive whole number, not 'many'.", run.Output);
        Assert.Contains("Usage:", run.Output);
    }

    private static string SampleAssembly(string sample)
    {
        var path = Repository.PathOf(Path.Combine("samples", sample, "bin", Repository.Configuration, "net10.0", sample + ".dll"));
        Assert.True(File.Exists(path), $"{path} is missing; the samples are built with the solution (and before this project).");
        return path;
    }

    [GeneratedRegex(@"\[\s*\d+s\] sessions\s+500 \| rooms\s+10 \| processes")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"crashes\s+([\d,]+)\s+injected")]
    private static partial Regex Crashes();

    [GeneratedRegex(@"restarts\s+([\d,]+)\s+\(")]
    private static partial Regex Restarts();

    [GeneratedRegex(@"delivered\s+([\d,]+)")]
    private static partial Regex Delivered();
}
