using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1002: static state on a GenServer that can change — a non-readonly static field, a static readonly field of a
/// mutable type (a list, an array, a dictionary...), or a static property with a setter or of a mutable type. Every
/// process of the type shares it. Constants and static readonly immutable values are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticMutableStateAnalyzer : ArborAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public StaticMutableStateAnalyzer()
        : base(Descriptors.StaticMutableState)
    {
    }

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ArborSymbols arbor)
    {
        start.RegisterSymbolAction(context => Analyze(context, arbor), SymbolKind.Field, SymbolKind.Property);
    }

    private static void Analyze(SymbolAnalysisContext context, ArborSymbols arbor)
    {
        var symbol = context.Symbol;
        if (!symbol.IsStatic || symbol.IsImplicitlyDeclared || !arbor.IsProcessCode(symbol.ContainingType))
        {
            return;
        }

        var (kind, why) = symbol switch
        {
            IFieldSymbol { IsConst: true } => (null, null),
            IFieldSymbol { IsReadOnly: false } field => ("field", "it can be reassigned"),
            IFieldSymbol field => ("field", Mutability.WhyStateIsMutable(field.Type)),
            IPropertySymbol { SetMethod: not null } property => ("property", "it has a setter"),
            IPropertySymbol property when PropertyShape.IsAutoProperty(property) => ("property", Mutability.WhyStateIsMutable(property.Type)),
            _ => ((string?)null, (string?)null),
        };

        if (kind is null || why is null || symbol.Locations.IsEmpty)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.StaticMutableState, symbol.Locations[0], symbol.ContainingType.Name, kind, symbol.Name, why));
    }
}
