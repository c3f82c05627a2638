using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Orders info/continue handlers for the dispatch's type switch: a handler for a more specific type must come before
/// one for a type it converts to (C# rejects a case subsumed by an earlier one, and the specific handler should win).
/// Otherwise declaration order is kept, so the output is stable.
/// </summary>
internal static class MessageTypeOrdering
{
    public static List<MessageHandlerDraft> MostSpecificFirst(List<MessageHandlerDraft> handlers, Compilation compilation)
    {
        var remaining = new List<MessageHandlerDraft>(handlers);
        var ordered = new List<MessageHandlerDraft>(handlers.Count);
        while (remaining.Count > 0)
        {
            var next = 0;
            for (var candidate = 0; candidate < remaining.Count; candidate++)
            {
                if (!HasMoreSpecific(remaining, candidate, compilation))
                {
                    next = candidate;
                    break;
                }
            }

            ordered.Add(remaining[next]);
            remaining.RemoveAt(next);
        }

        return ordered;
    }

    private static bool HasMoreSpecific(List<MessageHandlerDraft> handlers, int index, Compilation compilation)
    {
        var general = handlers[index].MessageType;
        for (var other = 0; other < handlers.Count; other++)
        {
            if (other != index && IsSubsumedBy(handlers[other].MessageType, general, compilation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every <paramref name="specific"/> value also matches a <paramref name="general"/> type pattern.</summary>
    private static bool IsSubsumedBy(ITypeSymbol specific, ITypeSymbol general, Compilation compilation)
    {
        if (compilation is not CSharpCompilation csharp)
        {
            return false;
        }

        var conversion = csharp.ClassifyConversion(specific, general);
        return conversion.IsImplicit && (conversion.IsReference || conversion.IsBoxing) && !conversion.IsIdentity;
    }
}
