using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes a state machine's <c>HandleEventAsync</c> and <c>HandleEnterAsync</c> overrides: per event kind, one switch
/// over the content whose cases are guarded by the states each handler applies to; class-level [Postpone]/[Ignore]
/// rules become cases of their own. Anything unmatched goes to the base class (a crash for calls and casts, a logged
/// drop for info), as in OTP.
/// </summary>
internal static class StateDispatchEmitter
{
    private static readonly (StateHandlerKind Kind, string EventKind)[] s_eventKinds =
    {
        (StateHandlerKind.Call, "Call"),
        (StateHandlerKind.Cast, "Cast"),
        (StateHandlerKind.Info, "Info"),
        (StateHandlerKind.Internal, "Internal"),
        (StateHandlerKind.StateTimeout, "StateTimeout"),
        (StateHandlerKind.EventTimeout, "EventTimeout"),
        (StateHandlerKind.Timeout, "Timeout"),
    };

    public static void Emit(SourceWriter writer, StateMachineModel model)
    {
        WriteHandleEvent(writer, model);
        WriteHandleEnter(writer, model);
        WriteReplyHelpers(writer, model);
    }

    private static void WriteHandleEvent(SourceWriter writer, StateMachineModel model)
    {
        if (model.Handlers.All(handler => handler.Kind == StateHandlerKind.Enter) && model.Rules.Count == 0)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>");
        writer.Open("protected override " + Names.ValueTask + " HandleEventAsync(" + Names.StateMachineEvent + " arborEvent)");
        writer.Open("switch (arborEvent.Kind)");
        foreach (var (kind, eventKind) in s_eventKinds)
        {
            var handlers = model.Handlers.Where(handler => handler.Kind == kind).ToList();
            var rules = kind is StateHandlerKind.Call or StateHandlerKind.Cast
                ? model.Rules.Where(rule => model.Shell.Requests.Any(request => request.MessageClassName == rule.MessageClassName && (request.Kind == RequestKind.Call) == (kind == StateHandlerKind.Call))).ToList()
                : new List<EventRuleModel>();
            if (handlers.Count == 0 && rules.Count == 0)
            {
                continue;
            }

            writer.Line("case " + Names.EventKind + "." + eventKind + ":");
            writer.Indent();
            writer.Open("switch (arborEvent.Content)");
            foreach (var rule in rules)
            {
                writer.Line("case " + Names.MessagesClass + "." + rule.MessageClassName + " when " + StateTest(model, rule.States) + ":");
                writer.Line("    " + (rule.Postpone ? "base.Postpone();" : "// Ignored in this state on purpose ([Ignore])."));
                writer.Line("    return default;");
            }

            foreach (var handler in handlers)
            {
                WriteCase(writer, model, handler);
            }

            writer.Close();
            writer.Line();
            writer.Line("break;");
            writer.Outdent();
        }

        writer.Close();
        writer.Line();
        writer.Line("return base.HandleEventAsync(arborEvent);");
        writer.Close();
        writer.Line();
    }

    private static void WriteCase(SourceWriter writer, StateMachineModel model, StateHandlerModel handler)
    {
        var conditions = new List<string>();
        if (handler.Kind == StateHandlerKind.Timeout)
        {
            conditions.Add("arborEvent.TimeoutName == " + Literal(handler.Event!));
        }

        if (handler.States.Count > 0)
        {
            conditions.Add(StateTest(model, handler.States));
        }

        var guard = conditions.Count == 0 ? string.Empty : " when " + string.Join(" && ", conditions);
        switch (handler.Kind)
        {
            case StateHandlerKind.Call:
            case StateHandlerKind.Cast:
                var request = handler.Request!;
                var usesRequest = request.Kind == RequestKind.Call || request.Parameters.Any(parameter => parameter.Role != ParameterRole.CancellationToken);
                writer.Line("case " + Names.MessagesClass + "." + handler.Event + (usesRequest ? " request" : string.Empty) + guard + ":");
                var invocation = handler.MethodName + "(" + Arguments(model, request) + ")";
                if (request.Kind == RequestKind.Call && !request.DefersReply)
                {
                    WriteReply(writer, request.Returns, invocation);
                }
                else
                {
                    WriteReturn(writer, handler.Returns, invocation);
                }

                break;
            case StateHandlerKind.Info:
            case StateHandlerKind.Internal:
                writer.Line("case " + handler.ArgumentType + " typed" + guard + ":");
                WriteReturn(writer, handler.Returns, handler.MethodName + "(typed)");
                break;
            default:
                // Timeouts: typed content is matched by type; a handler without a parameter takes any content.
                writer.Line("case " + (handler.ArgumentType is null ? "var _" : handler.ArgumentType + " typed") + guard + ":");
                WriteReturn(writer, handler.Returns, handler.MethodName + (handler.ArgumentType is null ? "()" : "(typed)"));
                break;
        }
    }

    private static void WriteHandleEnter(SourceWriter writer, StateMachineModel model)
    {
        var enters = model.Handlers.Where(handler => handler.Kind == StateHandlerKind.Enter).ToList();
        if (enters.Count == 0)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>");
        writer.Open("protected override " + Names.ValueTask + " HandleEnterAsync(" + model.StateType + " previous)");
        foreach (var enter in enters)
        {
            var invocation = enter.MethodName + (enter.ArgumentType is null ? "()" : "(previous)");
            if (enter.States.Count == 0)
            {
                WriteReturnStatements(writer, enter.Returns, invocation);
                writer.Close();
                writer.Line();
                return;
            }

            writer.Open("if " + StateTest(model, enter.States));
            WriteReturnStatements(writer, enter.Returns, invocation);
            writer.Close();
            writer.Line();
        }

        writer.Line("return default;");
        writer.Close();
        writer.Line();
    }

    private static string StateTest(StateMachineModel model, EquatableArray<string> states) =>
        "(" + string.Join(" || ", states.Select(state => "base.State == " + model.StateType + "." + state)) + ")";

    private static string Arguments(StateMachineModel model, RequestHandlerModel handler)
    {
        // The handler's caller-supplied parameters map in order onto the event message's fields (every handler of an
        // event has the same parameter types; their names may differ).
        var fields = model.Shell.Requests.First(request => request.MessageClassName == handler.MessageClassName)
            .Parameters.Where(parameter => parameter.Role == ParameterRole.Message).Select(parameter => parameter.FieldName).ToList();
        var next = 0;
        return string.Join(", ", handler.Parameters.Select(parameter => parameter.Role switch
        {
            ParameterRole.ReplyTo => "DeferReply(request)",
            ParameterRole.CancellationToken => "base.ExitToken",
            _ => "request." + fields[next++],
        }));
    }

    private static void WriteReply(SourceWriter writer, ReturnShape returns, string invocation)
    {
        switch (returns)
        {
            case ReturnShape.ValueTaskOfT:
            case ReturnShape.TaskOfT:
                writer.Line("    return ArborReplyWhenCompleted(request, " + invocation + ");");
                break;
            default:
                writer.Line("    base.Reply(request, " + invocation + ");");
                writer.Line("    return default;");
                break;
        }
    }

    private static void WriteReturn(SourceWriter writer, ReturnShape returns, string invocation)
    {
        switch (returns)
        {
            case ReturnShape.ValueTask:
                writer.Line("    return " + invocation + ";");
                break;
            case ReturnShape.Task:
                writer.Line("    return new " + Names.ValueTask + "(" + invocation + ");");
                break;
            default:
                writer.Line("    " + invocation + ";");
                writer.Line("    return default;");
                break;
        }
    }

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

    private static void WriteReplyHelpers(SourceWriter writer, StateMachineModel model)
    {
        var calls = model.Handlers.Where(handler => handler.Request is { Kind: RequestKind.Call, DefersReply: false }).Select(handler => handler.Returns).ToList();
        if (calls.Contains(ReturnShape.ValueTaskOfT))
        {
            WriteReplyHelper(writer, Names.ValueTask + "<T>");
        }

        if (calls.Contains(ReturnShape.TaskOfT))
        {
            WriteReplyHelper(writer, Names.Task + "<T>");
        }
    }

    private static void WriteReplyHelper(SourceWriter writer, string pendingType)
    {
        writer.Line("/// <summary>Replies with an async call handler's result; stays synchronous when the handler already finished.</summary>");
        writer.Open("private " + Names.ValueTask + " ArborReplyWhenCompleted<T>(" + Names.CallMessage + "<T> call, " + pendingType + " pending)");
        writer.Open("if (pending.IsCompletedSuccessfully)");
        writer.Line("base.Reply(call, pending.Result);");
        writer.Line("return default;");
        writer.Close();
        writer.Line();
        writer.Line("return ArborReplyAfterAwait(call, pending);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The slow path: the machine waits here (one event at a time) until the handler's result is ready.</summary>");
        writer.Line("private async " + Names.ValueTask + " ArborReplyAfterAwait<T>(" + Names.CallMessage + "<T> call, " + pendingType + " pending) =>");
        writer.Line("    base.Reply(call, await pending.ConfigureAwait(false));");
        writer.Line();
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
