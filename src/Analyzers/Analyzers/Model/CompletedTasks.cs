using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>
/// Decides whether a task is already complete where its result is read: earlier in the same function it was awaited
/// (<c>await t</c>, <c>await Task.WhenAll(t1, t2)</c> or <c>await Task.WhenAll(tasks)</c>, with or without
/// <c>ConfigureAwait</c>), or waited for (<c>t.Wait()</c>, <c>Task.WaitAll(...)</c>: itself a blocking call, reported once).
/// A task is followed through its variable: a local, a parameter, a field, an element of an array or list of tasks,
/// or the iteration variable of a <c>foreach</c> over such a collection.
/// </summary>
/// <remarks>Only asked about a task whose result is read in process code, which is rare, so walking the function costs nothing measurable.</remarks>
internal static class CompletedTasks
{
    /// <summary>True when <paramref name="task"/>, read at <paramref name="use"/>, was awaited or waited for before.</summary>
    public static bool IsKnownComplete(IOperation? task, IOperation use)
    {
        if (Variable(task, use) is not { } variable || FunctionBody(use) is not { } body)
        {
            return false;
        }

        var position = use.Syntax.SpanStart;
        foreach (var operation in OperationWalk.DescendantsInSameFunction(body))
        {
            if (operation.Syntax.Span.End > position)
            {
                continue;
            }

            var completes = operation switch
            {
                IAwaitOperation awaited => Completes(Awaited(awaited.Operation), variable, use),
                IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance } => SameVariable(instance, variable, use),
                IInvocationOperation { TargetMethod: { Name: "WaitAll", IsStatic: true } } waitAll => AnyArgument(waitAll, variable, use),
                _ => false,
            };

            if (completes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>await t</c> completes t; <c>await Task.WhenAll(...)</c> completes each task it was given.</summary>
    private static bool Completes(IOperation? awaited, ISymbol variable, IOperation use) => awaited switch
    {
        IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } } whenAll => AnyArgument(whenAll, variable, use),
        { } other => SameVariable(other, variable, use),
        null => false,
    };

    /// <summary>
    /// One of the arguments is the task (or its collection). A <c>params</c> list reaches the method as an array or a span
    /// (<c>Task.WhenAll(first, second)</c>), so the elements are looked for inside the argument too.
    /// </summary>
    private static bool AnyArgument(IInvocationOperation invocation, ISymbol variable, IOperation use)
    {
        foreach (var argument in invocation.Arguments)
        {
            foreach (var value in argument.Value.DescendantsAndSelf())
            {
                if (value is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation && SameVariable(value, variable, use))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Strips <c>ConfigureAwait(...)</c> and conversions around an awaited value.</summary>
    private static IOperation? Awaited(IOperation operation)
    {
        var current = OperationWalk.WithoutConversions(operation);
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
        {
            current = OperationWalk.WithoutConversions(inner);
        }

        return current;
    }

    private static bool SameVariable(IOperation? operation, ISymbol variable, IOperation use) =>
        Variable(operation, use) is { } other && SymbolEqualityComparer.Default.Equals(other, variable);

    /// <summary>The variable a task (or a collection of tasks) is held in, if it is one we can follow.</summary>
    private static ISymbol? Variable(IOperation? operation, IOperation use)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            switch (OperationWalk.WithoutConversions(operation))
            {
                case ILocalReferenceOperation { Local: var local }:
                    if (IterationCollection(local, use) is { } collection)
                    {
                        operation = collection;
                        continue;
                    }

                    return local;
                case IParameterReferenceOperation { Parameter: var parameter }:
                    return parameter;
                case IFieldReferenceOperation { Field: var field }:
                    return field;
                case IArrayElementReferenceOperation { ArrayReference: var array }:
                    operation = array;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: var list }:
                    operation = list;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>For the iteration variable of a <c>foreach</c>, the collection it walks.</summary>
    private static IOperation? IterationCollection(ILocalSymbol local, IOperation use)
    {
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && Contains(loop.Locals, local))
            {
                return loop.Collection;
            }
        }

        return null;
    }

    private static bool Contains(IEnumerable<ILocalSymbol> locals, ILocalSymbol local)
    {
        foreach (var candidate in locals)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body of the innermost function (lambda, local function or member) around <paramref name="operation"/>.</summary>
    private static IOperation? FunctionBody(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            if (parent is IAnonymousFunctionOperation lambda)
            {
                return lambda.Body;
            }

            if (parent is ILocalFunctionOperation local)
            {
                return local.Body ?? (IOperation?)local.IgnoredBody;
            }

            current = parent;
        }

        return current;
    }
}
