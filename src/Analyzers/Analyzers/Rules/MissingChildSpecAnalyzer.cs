using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// ARB1008 (compilation end, info): a GenServer type declared in this compilation that nothing puts under a supervisor:
/// its <c>ChildSpec(...)</c> is never called or referenced, and no child start function creates or starts it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingChildSpecAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MissingChildSpec);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ArborSymbols.TryCreate(start.Compilation) is not { } arbor)
            {
                return;
            }

            var declared = new ConcurrentBag<INamedTypeSymbol>();
            var supervised = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

            start.RegisterSymbolAction(
                context =>
                {
                    var type = (INamedTypeSymbol)context.Symbol;
                    if (!type.IsAbstract && arbor.IsGenServer(type))
                    {
                        declared.Add(type);
                    }
                },
                SymbolKind.NamedType);

            start.RegisterOperationAction(
                context =>
                {
                    if (SupervisedType(context.Operation, context.ContainingSymbol, arbor) is { } type)
                    {
                        supervised.TryAdd(type.OriginalDefinition, true);
                    }
                },
                OperationKind.Invocation,
                OperationKind.MethodReference,
                OperationKind.ObjectCreation);

            start.RegisterCompilationEndAction(context =>
            {
                foreach (var type in declared)
                {
                    if (!supervised.ContainsKey(type.OriginalDefinition) && !type.Locations.IsEmpty)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingChildSpec, type.Locations[0], type.Name));
                    }
                }
            });
        });
    }

    /// <summary>The GenServer this operation puts under a supervisor, if any.</summary>
    private static INamedTypeSymbol? SupervisedType(IOperation operation, ISymbol containingMember, ArborSymbols arbor)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: var method } when arbor.IsChildSpecFactory(method):
                return method.ContainingType;
            case IMethodReferenceOperation { Method: var method } when arbor.IsChildSpecFactory(method):
                return method.ContainingType;
        }

        // Inside a child start function, creating the server or calling its start methods counts too.
        INamedTypeSymbol? candidate = operation switch
        {
            IObjectCreationOperation { Type: INamedTypeSymbol created } => created,
            IInvocationOperation { TargetMethod: { IsStatic: true } method } => method.ContainingType,
            _ => null,
        };

        return candidate is not null && arbor.IsGenServer(candidate) && ChildStartFunctions.IsInside(operation, containingMember, arbor)
            ? candidate
            : null;
    }
}
