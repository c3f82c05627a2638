using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers.Tests.Support;

/// <summary>Every analyzer the Arbor.Analyzers assembly exports, found by reflection so a new rule is covered automatically.</summary>
internal static class AllAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        typeof(CatchAllAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
