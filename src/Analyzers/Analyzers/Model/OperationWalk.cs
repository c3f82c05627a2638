using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Arbor.Analyzers;

/// <summary>Small operation-tree queries shared by the rules.</summary>
internal static class OperationWalk
{
    /// <summary>
    /// The descendants of <paramref name="root"/> that run as part of it: lambdas and local functions declared inside are
    /// skipped, because their bodies run whenever (and wherever) they are invoked.
    /// </summary>
    public static IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var child in current.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                yield return child;
                pending.Push(child);
            }
        }
    }

    /// <summary>Strips implicit and explicit conversions and parentheses around a value.</summary>
    public static IOperation? WithoutConversions(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The innermost lambda or local function containing <paramref name="operation"/>, or null in the member's own body.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>True when the value of <paramref name="operation"/> is awaited right away (possibly through ConfigureAwait).</summary>
    public static bool IsAwaited(IOperation operation)
    {
        var current = operation;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    current = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == current:
                    current = configure;
                    continue;
                case IAwaitOperation:
                    return true;
                default:
                    return false;
            }
        }
    }
}
