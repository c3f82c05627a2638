namespace Arbor.Generators.Model;

/// <summary>What a handler parameter is for.</summary>
internal enum ParameterRole
{
    /// <summary>Carried in the message, so it appears on the client method.</summary>
    Message,

    /// <summary>A <c>ReplyTo&lt;T&gt;</c> deferred-reply token, filled in by the dispatch.</summary>
    ReplyTo,

    /// <summary>A <c>CancellationToken</c>, filled in by the dispatch.</summary>
    CancellationToken,
}

/// <summary>A parameter of a handler or of the init constructor.</summary>
/// <param name="Name">The parameter name as written (escaped with @ when it is a keyword).</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="FieldName">The message class field that carries it.</param>
/// <param name="Role">Whether the caller supplies it or the dispatch does.</param>
/// <param name="DefaultValue">The default value as C# (e.g. <c>1</c>, <c>null</c>), or null when it has none.</param>
internal sealed record ParameterModel(string Name, string Type, string FieldName, ParameterRole Role, string? DefaultValue = null);
