using System;
using System.Collections.Generic;
using System.Text;

namespace Arbor.Testing;

/// <summary>
/// Text for failure messages. Messages and log entries are user objects: their <c>ToString</c> may throw, and a failure
/// message must never turn into a different exception, so every rendering is guarded.
/// </summary>
internal static class Render
{
    /// <summary>How many received items a failure message lists before it says "and N more".</summary>
    private const int ListLimit = 20;

    public static string Value(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        string? text;
        try
        {
            text = value.ToString();
        }
        catch (Exception exception)
        {
            text = $"<ToString threw {exception.GetType().Name}>";
        }

        if (value is string)
        {
            return $"\"{text}\"";
        }

        // Records and most messages already start with their type's name; others get it in front, so a failure message
        // always says what type arrived.
        var type = TypeName(value.GetType());
        if (text is null || text == value.GetType().ToString())
        {
            return type;
        }

        return text.StartsWith(value.GetType().Name, StringComparison.Ordinal) ? text : $"{type} {text}";
    }

    public static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.DeclaringType is { } outer && !type.IsGenericParameter ? $"{TypeName(outer)}.{type.Name}" : type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = string.Join(", ", Array.ConvertAll(type.GetGenericArguments(), TypeName));
        return $"{(tick < 0 ? name : name[..tick])}<{arguments}>";
    }

    public static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0.###} s";

    /// <summary>A numbered list of <paramref name="items"/>, or <paramref name="none"/> when empty.</summary>
    public static string List<T>(IReadOnlyCollection<T> items, Func<T, string> render, string none)
    {
        if (items.Count == 0)
        {
            return none;
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var item in items)
        {
            if (index == ListLimit)
            {
                text.Append("\n  ... and ").Append(items.Count - ListLimit).Append(" more");
                break;
            }

            text.Append("\n  ").Append(++index).Append(". ").Append(render(item));
        }

        return text.ToString();
    }
}
