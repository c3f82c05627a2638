using System.Linq;
using System.Reflection;
using Arbor.Tests.Shared;

namespace Arbor.Package.Tests.Support;

/// <summary>Where the repository is, found from the test's own location, and the configuration the tests were built in.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ArborConfiguration").Value!;

    public static string PathOf(string relative) => RepositoryRoot.Combine(relative);
}
