using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>Tells whether a compilation is a test project: the build says so, or a test framework is referenced.</summary>
internal static class TestProjectDetection
{
    private static readonly string[] s_testAttributes =
    {
        "Xunit.FactAttribute",
        "NUnit.Framework.TestAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute",
    };

    public static bool IsTestProject(Compilation compilation, AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.IsTestProject", out var value)
            && bool.TryParse(value, out var isTestProject))
        {
            return isTestProject;
        }

        foreach (var attribute in s_testAttributes)
        {
            if (compilation.GetTypeByMetadataName(attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
