using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes the <c>Handle*Async</c>/<c>TerminateAsync</c> overrides: one type switch per callback that routes each
/// message to its handler (no reflection, no dictionary), falling back to the base class for anything else.
/// </summary>
internal static class DispatchEmitter
{
    public static void Emit(SourceWriter writer, GenServerModel model)
    {
        var calls = model.Requests.Where(request => request.Kind == RequestKind.Call).ToList();
        var casts = model.Requests.Where(request => request.Kind == RequestKind.Cast).ToList();

        if (calls.Count > 0)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Open("protected override " + Names.ValueTask + " HandleCallAsync(" + Names.CallMessage + " call)");
            writer.Open("switch (call)");
            foreach (var call in calls)
            {
                writer.Line("case " + Names.MessagesClass + "." + call.MessageClassName + " request:");
                WriteSection(writer, call.Dirty, "request", (receiver, message) => CallBody(call, receiver, message));
            }

            writer.Line("default:");
            writer.Line("    return base.HandleCallAsync(call);");
            writer.Close();
            writer.Close();
            writer.Line();
        }

        if (casts.Count > 0)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Open("protected override " + Names.ValueTask + " HandleCastAsync(" + Names.CastMessage + " cast)");
            writer.Open("switch (cast)");
            foreach (var cast in casts)
            {
                var usesRequest = cast.Dirty || cast.Parameters.Any(parameter => parameter.Role == ParameterRole.Message);
                writer.Line("case " + Names.MessagesClass + "." + cast.MessageClassName + (usesRequest ? " request:" : ":"));
                WriteSection(writer, cast.Dirty, "request", (receiver, message) => ReturnBody(cast.Returns, receiver + cast.MethodName + "(" + Arguments(cast, receiver, message) + ")"));
            }

            writer.Line("default:");
            writer.Line("    return base.HandleCastAsync(cast);");
            writer.Close();
            writer.Close();
            writer.Line();
        }

        WriteTypeSwitch(writer, "HandleInfoAsync", "object message", "message", model.Infos);
        WriteTypeSwitch(writer, "HandleContinueAsync", "object argument", "argument", model.Continues);

        if (model.Terminate is { } terminate)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Open("protected override " + Names.ValueTask + " TerminateAsync(" + Names.ExitReason + " reason)");
            WriteReturnStatements(writer, terminate.Returns, terminate.MethodName + (terminate.TakesReason ? "(reason)" : "()"));
            writer.Close();
            writer.Line();
        }

        WriteReplyHelpers(writer, model);
    }

    /// <summary>
    /// A switch section's statements. An ordinary handler is called in place; a dirty one is handed to the dirty schedulers
    /// as a static lambda that receives the server and the message (so it captures nothing), with the same body.
    /// </summary>
    private static void WriteSection(SourceWriter writer, bool dirty, string variable, System.Func<string, string, string[]> body)
    {
        if (!dirty)
        {
            foreach (var line in body("", variable))
            {
                writer.Line("    " + line);
            }

            return;
        }

        writer.Line("    return base.RunDirtyAsync(this, " + variable + ", static (arborServer, arborMessage) =>");
        writer.Line("    {");
        foreach (var line in body("arborServer.", "arborMessage"))
        {
            writer.Line("        " + line);
        }

        writer.Line("    });");
    }

    /// <summary>
    /// The statements that run a call handler and reply. <paramref name="receiver"/> is empty or <c>arborServer.</c>
    /// (inside a dirty lambda); <paramref name="message"/> is the variable holding the request.
    /// </summary>
    private static string[] CallBody(RequestHandlerModel call, string receiver, string message)
    {
        var invocation = receiver + call.MethodName + "(" + Arguments(call, receiver, message) + ")";
        if (call.DefersReply)
        {
            // The handler got a ReplyTo<T>; the reply comes later, so only its completion (if async) is awaited.
            return ReturnBody(call.Returns, invocation);
        }

        var replier = receiver.Length == 0 ? "base." : receiver;
        return call.Returns switch
        {
            ReturnShape.ValueTaskOfT or ReturnShape.TaskOfT => ["return " + receiver + "ArborReplyWhenCompleted(" + message + ", " + invocation + ");"],
            _ => [replier + "Reply(" + message + ", " + invocation + ");", "return default;"],
        };
    }

    private static void WriteTypeSwitch(SourceWriter writer, string method, string parameter, string variable, EquatableArray<MessageHandlerModel> handlers)
    {
        if (handlers.Count == 0)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>");
        writer.Open("protected override " + Names.ValueTask + " " + method + "(" + parameter + ")");
        writer.Open("switch (" + variable + ")");
        foreach (var handler in handlers)
        {
            // Ordered most specific type first by the parser, so no case hides a later one.
            writer.Line("case " + handler.PatternType + " typed:");
            WriteSection(writer, handler.Dirty, "typed", (receiver, message) => ReturnBody(handler.Returns, receiver + handler.MethodName + "(" + message + ")"));
        }

        writer.Line("default:");
        writer.Line("    return base." + method + "(" + variable + ");");
        writer.Close();
        writer.Close();
        writer.Line();
    }

    /// <summary>The statements of a handler that produces no reply value.</summary>
    private static string[] ReturnBody(ReturnShape returns, string invocation) => returns switch
    {
        ReturnShape.ValueTask => ["return " + invocation + ";"],
        ReturnShape.Task => ["return new " + Names.ValueTask + "(" + invocation + ");"],
        _ => [invocation + ";", "return default;"],
    };

    private static void WriteReturnStatements(SourceWriter writer, ReturnShape returns, string invocation)
    {
        switch (returns)
        {
            case ReturnShape.ValueTask:
                writer.Line("return " + invocation + ";");
                break;
            case ReturnShape.Task:
                writer.Line("return new " + Names.ValueTask + "(" + invocation + ");");
                break;
            default:
                writer.Line(invocation + ";");
                writer.Line("return default;");
                break;
        }
    }

    private static string Arguments(RequestHandlerModel request, string receiver, string message) => string.Join(", ", request.Parameters.Select(parameter => parameter.Role switch
    {
        ParameterRole.ReplyTo => Names.GenServer + ".DeferReply(" + message + ")",
        // Cancelled when the process exits, so a killed server's handler stops awaiting.
        ParameterRole.CancellationToken => (receiver.Length == 0 ? "base." : receiver) + "ExitToken",
        _ => message + "." + parameter.FieldName,
    }));

    private static void WriteReplyHelpers(SourceWriter writer, GenServerModel model)
    {
        var needsValueTask = model.Requests.Any(request => request.Kind == RequestKind.Call && !request.DefersReply && request.Returns == ReturnShape.ValueTaskOfT);
        var needsTask = model.Requests.Any(request => request.Kind == RequestKind.Call && !request.DefersReply && request.Returns == ReturnShape.TaskOfT);
        var result = ResultTypeParameter(model);
        if (needsValueTask)
        {
            WriteReplyHelper(writer, result, Names.ValueTask + "<" + result + ">");
        }

        if (needsTask)
        {
            WriteReplyHelper(writer, result, Names.Task + "<" + result + ">");
        }
    }

    /// <summary>
    /// The helpers' own type parameter: <c>T</c>, unless the server or a containing type already has a <c>T</c> (a method
    /// type parameter hiding an outer one is warning CS0693).
    /// </summary>
    private static string ResultTypeParameter(GenServerModel model)
    {
        var taken = new System.Collections.Generic.HashSet<string>(model.TypeParameters, System.StringComparer.Ordinal);
        foreach (var container in model.ContainingTypes)
        {
            taken.UnionWith(container.TypeParameters);
        }

        var name = "T";
        for (var suffix = 2; taken.Contains(name); suffix++)
        {
            name = "T" + suffix;
        }

        return name;
    }

    private static void WriteReplyHelper(SourceWriter writer, string result, string pendingType)
    {
        writer.Line("/// <summary>Replies with an async call handler's result; stays synchronous when the handler already finished.</summary>");
        writer.Open("private " + Names.ValueTask + " ArborReplyWhenCompleted<" + result + ">(" + Names.CallMessage + "<" + result + "> call, " + pendingType + " pending)");
        writer.Open("if (pending.IsCompletedSuccessfully)");
        writer.Line("base.Reply(call, pending.Result);");
        writer.Line("return default;");
        writer.Close();
        writer.Line();
        writer.Line("return ArborReplyAfterAwait(call, pending);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The slow path: the process waits here (one message at a time) until the handler's result is ready; resumed where the handler finished (on the process's context on a node that tracks its in-flight work).</summary>");
        writer.Line("private async " + Names.ValueTask + " ArborReplyAfterAwait<" + result + ">(" + Names.CallMessage + "<" + result + "> call, " + pendingType + " pending) =>");
        writer.Line("    base.Reply(call, await pending.ConfigureAwait(ArborResumeOnProcessContext));");
        writer.Line();
    }
}
