using System;
using System.IO;
using Arbor.Tests.Shared;

namespace Arbor.Generators.Tests.Support;

/// <summary>
/// Compares generated source with a checked-in <c>Snapshots/NAME.cs</c>. Set <c>ARBOR_UPDATE_SNAPSHOTS=1</c> to
/// rewrite the files instead (then review the diff like any other change).
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var directory = RepositoryRoot.Combine("tests", "Generators.Tests", "Snapshots");
        var path = Path.Combine(directory, name + ".cs");
        if (Environment.GetEnvironmentVariable("ARBOR_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run the tests with ARBOR_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual.Replace("\r\n", "\n"));
    }
}
