using System;

namespace Arbor;

/// <summary>
/// The one place the runtime turns user objects into text outside a handler (crash reports, call errors, exit reasons).
/// User code runs here — <c>ToString</c>, an exception's <c>Message</c> — so it is guarded: a rendering that throws becomes
/// a placeholder naming the exception type, and every rendering is cut to <see cref="Limit"/> characters with a marker,
/// so a 50-million-character argument cannot make a 50-million-character report or exception message.
/// </summary>
internal static class GuardedText
{
    /// <summary>The most characters a rendered value keeps (documented in docs/architecture/runtime.md).</summary>
    public const int Limit = 4096;

    /// <summary>Renders <paramref name="value"/> with its <c>ToString</c>, guarded and bounded.</summary>
    public static string Of(object? value)
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
            return Placeholder("ToString", exception);
        }

        return Bound(text ?? TypeName(value));
    }

    /// <summary>An exception's type and message, guarded and bounded (a throwing <c>Message</c> becomes a placeholder).</summary>
    public static string ExceptionSummary(Exception exception)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        string message;
        try
        {
            message = exception.Message;
        }
        catch (Exception failure)
        {
            return type + ": " + Placeholder("Message", failure);
        }

        return Bound(type + ": " + message);
    }

    /// <summary>Cuts <paramref name="text"/> to <see cref="Limit"/> characters, saying how long it was.</summary>
    public static string Bound(string text) =>
        text.Length <= Limit ? text : string.Concat(text.AsSpan(0, Limit), $"… [truncated: {text.Length} characters]");

    private static string Placeholder(string member, Exception failure) =>
        $"<{member} threw {failure.GetType().FullName ?? failure.GetType().Name}>";

    private static string TypeName(object value) => value.GetType().FullName ?? value.GetType().Name;
}
