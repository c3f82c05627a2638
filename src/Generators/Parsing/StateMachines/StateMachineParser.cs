using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing.StateMachines;

/// <summary>
/// Turns a <c>[StateMachine]</c> class into a <see cref="StateMachineModel"/> plus diagnostics: the class checks, the
/// handlers by state and event, the events as client requests, the state changes the code makes, and the checks over
/// the whole machine (every event accounted for in every state, enter handlers that change state, states with no way in).
/// </summary>
internal static class StateMachineParser
{
    public const string AttributeName = "Arbor.StateMachines.StateMachineAttribute";

    public static StateMachineParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return new StateMachineParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        try
        {
            var model = ParseCore(type, declaration, context.SemanticModel.Compilation, diagnostics, cancellationToken);
            return new StateMachineParseResult(model, EquatableArray.From(diagnostics));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, LocationInfo.From(declaration.Identifier), type.Name, exception.GetType().Name + ": " + exception.Message));
            return new StateMachineParseResult(null, EquatableArray.From(diagnostics));
        }
    }

    private static StateMachineModel? ParseCore(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var known = KnownTypes.Find(compilation);
        var stateMachineBase = compilation.GetTypeByMetadataName("Arbor.StateMachines.StateMachine`1");
        var handlerAttribute = compilation.GetTypeByMetadataName("Arbor.StateMachines.StateHandlerAttribute");
        if (known is null || stateMachineBase is null || handlerAttribute is null || !CheckClass(type, declaration, diagnostics))
        {
            return null;
        }

        var stateEnum = StateTypeOf(type, stateMachineBase);
        if (stateEnum is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStateMachine, LocationInfo.From(declaration.Identifier), type.Name,
                "it must derive from Arbor.StateMachines.StateMachine<TState> with an enum TState (write ': StateMachine<MyStates>' and pass the initial state to the base constructor)"));
            return null;
        }

        var handlers = new HandlerParser(type, known, diagnostics, cancellationToken);
        var init = GenServerParser.ParseInit(type, handlers, diagnostics, cancellationToken);
        if (init is null)
        {
            return null;
        }

        var states = new StateSet(stateEnum);
        var changes = new StateChanges(compilation, stateMachineBase, states, cancellationToken);
        var collector = new StateHandlerCollector(type, stateEnum, states, known, handlers, diagnostics, cancellationToken)
        {
            ClassDirty = type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == AttributeName && GenServerParser.IsDirty(attribute)),
        };
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marks = method.GetAttributes().Where(attribute => InheritsFrom(attribute.AttributeClass, handlerAttribute)).ToList();
            if (marks.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleHandlerAttributes, LocationInfo.From(marks[1].ApplicationSyntaxReference?.GetSyntax(cancellationToken)), method.Name, AttributeShortName(marks[0]), AttributeShortName(marks[1])));
            }
            else if (marks.Count == 1)
            {
                collector.Add(method, marks[0]);
            }
        }

        var events = GenServerParser.NameRequests(type, collector.EventDrafts, diagnostics);
        var rules = collector.ReadRules(type.GetAttributes(), events);
        var handlerModels = collector.BuildHandlers(events, compilation);
        var stateNames = states.Names;

        var transitions = FindTransitions(type, collector, changes, stateNames, diagnostics);
        var initial = changes.InitialState(type);
        Exhaustiveness.Check(type, events, collector.AllHandlers, rules, stateNames, collector, diagnostics);
        if (initial is not null && !changes.HasUnknownTargets)
        {
            foreach (var state in stateNames.Where(state => state != initial && !transitions.Targets.Contains(state)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreachableState, LocationInfo.From(states.LocationOf(state)) ?? LocationInfo.From(declaration.Identifier), state, type.Name));
            }
        }

        var shell = new GenServerModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            GenServerParser.ContainingTypes(type),
            type.Name,
            EquatableArray<string>.Empty,
            EquatableArray<string>.Empty,
            GenServerParser.AccessibilityKeyword(type.DeclaredAccessibility),
            type.IsSealed,
            GenServerParser.HintName(type),
            init.Value,
            events,
            EquatableArray<MessageHandlerModel>.Empty,
            EquatableArray<MessageHandlerModel>.Empty,
            null);
        return new StateMachineModel(
            shell,
            TypeNames.Qualified(stateEnum),
            EquatableArray.From(stateNames.ToList()),
            initial,
            EquatableArray.From(handlerModels),
            EquatableArray.From(rules),
            EquatableArray.From(transitions.Edges));
    }

    /// <summary>Class-level rules; any failure means nothing is generated (it could only produce follow-on errors).</summary>
    private static bool CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        var ok = PartialDeclarations.Check(type, declaration, "the class (its dispatch, start methods and diagram)", "state machine", diagnostics);

        string? problem = type.IsStatic ? "it is static"
            : type.IsAbstract ? "it is abstract; the runtime instantiates it in a new process"
            : type.IsRecord ? "it is a record"
            : type.Arity > 0 || type.ContainingType?.IsGenericType == true ? "generic state machines (or ones nested in generic types) are not supported yet; write a non-generic class"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStateMachine, LocationInfo.From(declaration.Identifier), type.Name, problem));
            ok = false;
        }

        return ok;
    }

    /// <summary>The enum TState of the class's StateMachine&lt;TState&gt; base, or null.</summary>
    private static INamedTypeSymbol? StateTypeOf(INamedTypeSymbol type, INamedTypeSymbol stateMachineBase) =>
        type.BaseType is { } baseType
        && SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, stateMachineBase)
        && baseType.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Enum } stateEnum
            ? stateEnum
            : null;

    private static (List<TransitionModel> Edges, HashSet<string> Targets) FindTransitions(INamedTypeSymbol type, StateHandlerCollector collector, StateChanges changes, IReadOnlyList<string> stateNames, List<DiagnosticInfo> diagnostics)
    {
        var edges = new List<TransitionModel>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var found = changes.In(method);
            if (found.Count == 0)
            {
                continue;
            }

            // Any GoTo in the class, in a handler or a helper it calls, gives its target a way in.
            foreach (var (target, _) in found)
            {
                targets.Add(target);
            }

            if (!collector.Handled.TryGetValue(method, out var handled))
            {
                continue;
            }

            if (handled.Kind == StateHandlerKind.Enter)
            {
                foreach (var (target, location) in found)
                {
                    if (!(handled.States.Count == 1 && handled.States[0] == target))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EnterChangesState, LocationInfo.From(location), method.Name, target));
                    }
                }

                continue;
            }

            var from = handled.States.Count > 0 ? (IReadOnlyList<string>)handled.States : stateNames;
            foreach (var source in from)
            {
                foreach (var (target, _) in found)
                {
                    var edge = new TransitionModel(source, target, handled.Label);
                    if (!edges.Contains(edge))
                    {
                        edges.Add(edge);
                    }
                }
            }
        }

        return (edges, targets);
    }

    private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static string AttributeShortName(AttributeData attribute)
    {
        var name = attribute.AttributeClass?.Name ?? "?";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
