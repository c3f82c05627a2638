using System;
using System.IO;

namespace Arbor.Tests.Shared;

/// <summary>
/// The repository's root folder, found by walking up from the test assembly's output folder to <c>Generators.sln</c>.
/// Source paths (<c>[CallerFilePath]</c>) are not used on purpose: CI builds map them to <c>/_/</c>, so they do not exist
/// on disk there.
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>The absolute path of the folder holding <c>Generators.sln</c>.</summary>
    public static string Path { get; } = Find();

    /// <summary>An absolute path for <paramref name="relative"/> (forward slashes are fine on every OS).</summary>
    public static string Combine(params string[] relative) => System.IO.Path.Combine([Path, .. relative]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Generators.sln above {AppContext.BaseDirectory}; the tests run from their build output inside the repository.");
    }
}
