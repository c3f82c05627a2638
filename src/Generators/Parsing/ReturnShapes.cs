using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>Classifies a handler's return type: the awaitables the dispatch understands, or a plain value.</summary>
internal static class ReturnShapes
{
    /// <summary>The shape, and in <paramref name="value"/> the type of the value produced (null when there is none).</summary>
    public static ReturnShape Classify(IMethodSymbol method, KnownTypes known, out ITypeSymbol? value)
    {
        value = null;
        if (method.ReturnsVoid)
        {
            return ReturnShape.Void;
        }

        var type = method.ReturnType;
        if (KnownTypes.Is(type, known.ValueTaskOfT) && type is INamedTypeSymbol { TypeArguments.Length: 1 } valueTask)
        {
            value = valueTask.TypeArguments[0];
            return ReturnShape.ValueTaskOfT;
        }

        if (KnownTypes.Is(type, known.TaskOfT) && type is INamedTypeSymbol { TypeArguments.Length: 1 } task)
        {
            value = task.TypeArguments[0];
            return ReturnShape.TaskOfT;
        }

        if (KnownTypes.Is(type, known.ValueTask))
        {
            return ReturnShape.ValueTask;
        }

        if (KnownTypes.Is(type, known.Task))
        {
            return ReturnShape.Task;
        }

        value = type;
        return ReturnShape.Value;
    }

    public static bool ProducesValue(ReturnShape shape) => shape is ReturnShape.Value or ReturnShape.ValueTaskOfT or ReturnShape.TaskOfT;

    public static string Describe(ReturnShape shape) => shape switch
    {
        ReturnShape.Void => "void",
        ReturnShape.ValueTask => "ValueTask",
        ReturnShape.Task => "Task",
        _ => "a value",
    };
}
