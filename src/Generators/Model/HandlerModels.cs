namespace Arbor.Generators.Model;

/// <summary>Call or cast.</summary>
internal enum RequestKind
{
    Call,
    Cast,
}

/// <summary>How a handler returns, which decides how the dispatch awaits it and where a call's reply comes from.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    ValueTask,
    ValueTaskOfT,
    Task,
    TaskOfT,
}

/// <summary>A <c>[Call]</c> or <c>[Cast]</c> handler and the message and client method generated for it.</summary>
/// <param name="Kind">Call or cast.</param>
/// <param name="MethodName">The handler method.</param>
/// <param name="ClientName">The client method (<c>GetAsync</c> for a call, <c>Reset</c> for a cast).</param>
/// <param name="MessageClassName">The generated message class, unique within the server.</param>
/// <param name="DisplayName">How the message prints in crash reports and call errors.</param>
/// <param name="Parameters">All handler parameters in order, including dispatch-supplied ones.</param>
/// <param name="ResultType">A call's reply type (from the return type or the <c>ReplyTo&lt;T&gt;</c>); null for casts.</param>
/// <param name="Returns">The handler's return shape.</param>
/// <param name="Obsolete">The handler's <c>[Obsolete]</c> as C#, repeated on its client method; null when it has none.</param>
/// <param name="Dirty">Runs on the dirty schedulers (<c>Dirty = true</c> on the handler or on the server).</param>
internal sealed record RequestHandlerModel(
    RequestKind Kind,
    string MethodName,
    string ClientName,
    string MessageClassName,
    string DisplayName,
    EquatableArray<ParameterModel> Parameters,
    string? ResultType,
    ReturnShape Returns,
    string? Obsolete,
    bool Dirty)
{
    /// <summary>True when the handler takes a reply token and answers later.</summary>
    public bool DefersReply
    {
        get
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Role == ParameterRole.ReplyTo)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>An <c>[Info]</c> or <c>[Continue]</c> handler, selected by the type of its single parameter.</summary>
/// <param name="MethodName">The handler method.</param>
/// <param name="PatternType">The type tested in the switch (nullable annotations removed).</param>
/// <param name="Returns">Void, ValueTask or Task.</param>
/// <param name="Dirty">Runs on the dirty schedulers (<c>Dirty = true</c> on the handler or on the server).</param>
internal sealed record MessageHandlerModel(string MethodName, string PatternType, ReturnShape Returns, bool Dirty);

/// <summary>The <c>[Terminate]</c> hook.</summary>
/// <param name="MethodName">The hook method.</param>
/// <param name="TakesReason">Whether it takes the <c>ExitReason</c>.</param>
/// <param name="Returns">Void, ValueTask or Task.</param>
internal sealed record TerminateModel(string MethodName, bool TakesReason, ReturnShape Returns);
