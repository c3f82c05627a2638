using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// What every Arbor analyzer does the same way: one rule, generated code skipped, concurrent execution, and nothing
/// at all in a compilation that does not reference Arbor. A rule only says what it registers once Arbor is there.
/// </summary>
public abstract class ArborAnalyzer : DiagnosticAnalyzer
{
    private protected ArborAnalyzer(DiagnosticDescriptor rule) => SupportedDiagnostics = ImmutableArray.Create(rule);

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ArborSymbols.TryCreate(start.Compilation) is { } arbor)
            {
                OnCompilationStart(start, arbor);
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references Arbor.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor);
}
