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
                var usesRequest = handler.Dirty || request.Kind == RequestKind.Call || request.Parameters.Any(parameter => parameter.Role != ParameterRole.CancellationToken);
                writer.Line("case " + Names.MessagesClass + "." + handler.Event + (usesRequest ? " request" : string.Empty) + guard + ":");
                WriteSection(writer, handler.Dirty, "request", (receiver, message) =>
                {
                    var invocation = receiver + handler.MethodName + "(" + Arguments(model, request, receiver, message) + ")";
                    return request.Kind == RequestKind.Call && !request.DefersReply
                        ? ReplyBody(request.Returns, receiver, message, invocation)
                        : ReturnBody(handler.Returns, invocation);
                });
                break;
            case StateHandlerKind.Info:
            case StateHandlerKind.Internal:
                writer.Line("case " + handler.ArgumentType + " typed" + guard + ":");
                WriteSection(writer, handler.Dirty, "typed", (receiver, message) => ReturnBody(handler.Returns, receiver + handler.MethodName + "(" + message + ")"));
                break;
            default:
                // Timeouts: typed content is matched by type; a handler without a parameter takes any content.
                writer.Line("case " + (handler.ArgumentType is null ? "var _" : handler.ArgumentType + " typed") + guard + ":");
                WriteSection(writer, handler.Dirty, handler.ArgumentType is null ? "arborEvent.Content" : "typed", (receiver, message) =>
                    ReturnBody(handler.Returns, receiver + handler.MethodName + (handler.ArgumentType is null ? "()" : "(" + message + ")")));
                break;
        }
    }

    /// <summary>
    /// A switch section's statements. An ordinary handler is called in place; a dirty one is handed to the dirty schedulers
    /// as a static lambda that receives the machine and the event's content (so it captures nothing), with the same body.
    /// </summary>
    private static void WriteSection(SourceWriter writer, bool dirty, string variable, System.Func<string, string, string[]> body)
    {
        if (!dirty)
        {
            foreach (var line in body(string.Empty, variable))
            {
                writer.Line("    " + line);
            }

            return;
        }

        writer.Line("    return base.RunDirtyAsync(this, " + variable + ", static (arborMachine, arborMessage) =>");
        writer.Line("    {");
        foreach (var line in body("arborMachine.", "arborMessage"))
        {
            writer.Line("        " + line);
        }

        writer.Line("    });");
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
            if (enter.States.Count == 0)
            {
                WriteEnter(writer, enter);
                writer.Close();
                writer.Line();
                return;
            }

            writer.Open("if " + StateTest(model, enter.States));
            WriteEnter(writer, enter);
            writer.Close();
            writer.Line();
        }

        writer.Line("return default;");
        writer.Close();
        writer.Line();
    }

    /// <summary>An enter handler's statements, in place or (dirty) handed to the dirty schedulers with the previous state.</summary>
    private static void WriteEnter(SourceWriter writer, StateHandlerModel enter)
    {
        if (!enter.Dirty)
        {
            foreach (var line in ReturnBody(enter.Returns, enter.MethodName + (enter.ArgumentType is null ? "()" : "(previous)")))
            {
                writer.Line(line);
            }

            return;
        }

        writer.Line("return base.RunDirtyAsync(this, previous, static (arborMachine, arborPrevious) =>");
        writer.Line("{");
        foreach (var line in ReturnBody(enter.Returns, "arborMachine." + enter.MethodName + (enter.ArgumentType is null ? "()" : "(arborPrevious)")))
        {
            writer.Line("    " + line);
        }

        writer.Line("});");
    }

    private static string StateTest(StateMachineModel model, EquatableArray<string> states) =>
        "(" + string.Join(" || ", states.Select(state => "base.State == " + model.StateType + "." + state)) + ")";

    private static string Arguments(StateMachineModel model, RequestHandlerModel handler, string receiver, string message)
    {
        // The handler's caller-supplied parameters map in order onto the event message's fields (every handler of an
        // event has the same parameter types; their names may differ).
        var fields = model.Shell.Requests.First(request => request.MessageClassName == handler.MessageClassName)
            .Parameters.Where(parameter => parameter.Role == ParameterRole.Message).Select(parameter => parameter.FieldName).ToList();
        var next = 0;
        return string.Join(", ", handler.Parameters.Select(parameter => parameter.Role switch
        {
            ParameterRole.ReplyTo => receiver + "DeferReply(" + message + ")",
            ParameterRole.CancellationToken => Member(receiver) + "ExitToken",
            _ => message + "." + fields[next++],
        }));
    }

    /// <summary>
    /// Statements that run a call handler and reply with its result. <paramref name="receiver"/> is empty, or the dirty
    /// lambda's <c>arborMachine.</c>.
    /// </summary>
    private static string[] ReplyBody(ReturnShape returns, string receiver, string message, string invocation) => returns switch
    {
        ReturnShape.ValueTaskOfT or ReturnShape.TaskOfT => new[] { "return " + receiver + "ArborReplyWhenCompleted(" + message + ", " + invocation + ");" },
        _ => new[] { Member(receiver) + "Reply(" + message + ", " + invocation + ");", "return default;" },
    };

    /// <summary>How a base-class member is reached: <c>base.</c> in place, through the machine inside a dirty lambda.</summary>
    private static string Member(string receiver) => receiver.Length == 0 ? "base." : receiver;

    /// <summary>Statements that run a handler that produces no reply.</summary>
    private static string[] ReturnBody(ReturnShape returns, string invocation) => returns switch
    {
        ReturnShape.ValueTask => new[] { "return " + invocation + ";" },
        ReturnShape.Task => new[] { "return new " + Names.ValueTask + "(" + invocation + ");" },
        _ => new[] { invocation + ";", "return default;" },
    };

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
        writer.Line("/// <summary>The slow path: the machine waits here (one event at a time) until the handler's result is ready; resumed where the handler finished (on the process's context on a node that tracks its in-flight work).</summary>");
        writer.Line("private async " + Names.ValueTask + " ArborReplyAfterAwait<T>(" + Names.CallMessage + "<T> call, " + pendingType + " pending) =>");
        writer.Line("    base.Reply(call, await pending.ConfigureAwait(ArborResumeOnProcessContext));");
        writer.Line();
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
