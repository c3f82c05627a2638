using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes <c>XFake</c>: a stand-in for an <c>X</c> process in tests. It is a real process that accepts X's requests
/// (the same message classes, so an <c>XRef</c> pointing at it works), records each one through
/// <c>Arbor.Fakes.FakeServer</c>, and answers calls from delegates the test sets, one property per request. A generic
/// server's fake is generic the same way (<c>CacheFake&lt;TKey, TValue&gt;</c>, with the server's constraints), closed by
/// the test as it closes the client.
/// </summary>
internal static class FakeEmitter
{
    /// <summary>The most message parameters a request may have for its script to fit a <c>Func</c>.</summary>
    private const int MaxScriptParameters = 15;

    private const string FakeServer = "global::Arbor.Fakes.FakeServer";
    private const string ProcessClass = "ArborFakeProcess";

    /// <summary>Whether <paramref name="model"/> gets a fake.</summary>
    public static bool Applies(GenServerModel model) =>
        model.Requests.All(request => MessageParameters(request).Count() <= MaxScriptParameters);

    public static void Emit(SourceWriter writer, GenServerModel model)
    {
        if (!Applies(model))
        {
            return;
        }

        // Named like the client: a declared protocol interface IKvStore gets KvStoreFake beside KvStoreRef.
        var fake = (model.ClientBaseName ?? model.Name) + "Fake";
        var fakeType = fake + TypeParameterList.Of(model.TypeParameters);
        var messages = GenServerEmitter.QualifiedServerName(model) + "." + Names.MessagesClass + ".";

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// A stand-in for a <c>" + model.Name + "</c> process in tests: a real process that accepts the requests a <c>" + model.Name + "</c>");
        writer.Line("/// accepts, records each one (<see cref=\"" + FakeServer + ".Received\"/>) and answers calls from the delegates set");
        writer.Line("/// on its properties. Start it and hand its <see cref=\"" + model.RefName + TypeParameterList.OfCref(model.TypeParameters) + "\"/> to the code under test in place of the real server.");
        writer.Line("/// A call whose property is null crashes the fake, naming the property to set.");
        writer.Line("/// </summary>");
        writer.Line(Names.GeneratedCode);
        writer.OpenType(model.Accessibility + " sealed partial class " + fakeType + " : " + FakeServer, model.ConstraintClauses);
        foreach (var request in model.Requests)
        {
            WriteScriptProperty(writer, model, request);
        }

        writer.Line("/// <summary>Starts a process that runs this fake (not linked, not supervised); stop it with the client's <c>StopAsync</c>.</summary>");
        writer.Line("/// <param name=\"node\">The node to run on.</param>");
        writer.Line("/// <param name=\"name\">Registers the process under this unique name, standing in for a named <c>" + model.Name + "</c>.</param>");
        writer.Line("/// <returns>A client for the fake's process.</returns>");
        writer.Line("public " + Names.ValueTask + "<" + model.RefType + "> StartAsync(" + Names.ArborNode + " node, string? name = null) =>");
        writer.Line("    " + Names.GenServer + ".StartAsync<" + model.RefType + ">(node, () => new " + ProcessClass + "(this), new " + Names.StartOptions + " { Name = name }, \"" + fake + "\");");
        writer.Line();
        writer.Line("/// <summary>A child spec that runs this fake under a supervisor (every restart runs the same fake, keeping what it recorded).</summary>");
        writer.Line("/// <param name=\"id\">The child's id; defaults to <paramref name=\"name\"/>, then <c>\"" + fake + "\"</c>.</param>");
        writer.Line("/// <param name=\"name\">Registers the process under this unique name on each start.</param>");
        writer.Line("/// <returns>The spec.</returns>");
        writer.Line("public " + Names.ChildSpec + " ChildSpec(string? id = null, string? name = null) =>");
        writer.Line("    new " + Names.ChildSpec + "(id ?? name ?? \"" + fake + "\", arborStartContext => " + Names.GenServer + ".StartAsync(arborStartContext.Node, () => new " + ProcessClass + "(this), new " + Names.StartOptions + " { Name = name, Link = true }));");
        writer.Line();
        WriteProcess(writer, model, fakeType, messages);
        writer.Close();
    }

    private static void WriteScriptProperty(SourceWriter writer, GenServerModel model, RequestHandlerModel request)
    {
        var parameters = MessageParameters(request).ToList();
        var types = parameters.Select(parameter => parameter.Type).ToList();
        if (request.Kind == RequestKind.Call)
        {
            types.Add(request.ResultType!);
            writer.Line("/// <summary>Answers each <c>" + request.DisplayName + "</c> call" + (parameters.Count == 0 ? string.Empty : ", given its arguments") + "; while null, such a call crashes the fake.</summary>");
            writer.Line("public global::System.Func<" + string.Join(", ", types) + ">? " + request.MessageClassName + " { get; set; }");
        }
        else
        {
            writer.Line("/// <summary>Runs on each <c>" + request.DisplayName + "</c> cast after it is recorded" + (parameters.Count == 0 ? string.Empty : ", given its arguments") + "; optional.</summary>");
            writer.Line("public global::System.Action" + (types.Count == 0 ? string.Empty : "<" + string.Join(", ", types) + ">") + "? " + request.MessageClassName + " { get; set; }");
        }

        writer.Line();
    }

    private static void WriteProcess(SourceWriter writer, GenServerModel model, string fake, string messages)
    {
        writer.Line("/// <summary>The fake's process: takes <c>" + model.Name + "</c>'s requests off the mailbox and hands them to the fake.</summary>");
        writer.Open("private sealed class " + ProcessClass + " : " + Names.GenServer);
        writer.Line("private readonly " + fake + " _fake;");
        writer.Line();
        writer.Line("public " + ProcessClass + "(" + fake + " fake) => _fake = fake;");
        foreach (var kind in new[] { RequestKind.Call, RequestKind.Cast })
        {
            var requests = model.Requests.Where(request => request.Kind == kind).ToList();
            if (requests.Count == 0)
            {
                continue;
            }

            var isCall = kind == RequestKind.Call;
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Open("protected override " + Names.ValueTask + " " + (isCall ? "HandleCallAsync(" + Names.CallMessage + " call)" : "HandleCastAsync(" + Names.CastMessage + " cast)"));
            writer.Open("switch (" + (isCall ? "call" : "cast") + ")");
            foreach (var request in requests)
            {
                var arguments = MessageParameters(request).Select(parameter => "request." + parameter.FieldName).ToList();
                var argumentList = string.Join(", ", arguments);
                writer.Line("case " + messages + request.MessageClassName + " request:");
                writer.Line("{");
                var record = "_fake.Record(\"" + request.MethodName + "\", " + (isCall ? "true" : "false") + ", request.ToString()" + (arguments.Count == 0 ? string.Empty : ", " + argumentList) + ");";
                if (isCall)
                {
                    writer.Line("    var received = " + record);
                    writer.Line("    var answer = _fake." + request.MessageClassName + " ?? throw _fake.Unscripted(received, \"" + request.MessageClassName + "\");");
                    writer.Line("    base.Reply(request, answer(" + argumentList + "));");
                }
                else
                {
                    writer.Line("    " + record);
                    writer.Line("    _fake." + request.MessageClassName + "?.Invoke(" + argumentList + ");");
                }

                writer.Line("    return default;");
                writer.Line("}");
            }

            writer.Line("default:");
            writer.Line("    return base." + (isCall ? "HandleCallAsync(call)" : "HandleCastAsync(cast)") + ";");
            writer.Close();
            writer.Close();
        }

        writer.Close();
    }

    private static IEnumerable<ParameterModel> MessageParameters(RequestHandlerModel request) =>
        request.Parameters.Where(parameter => parameter.Role == ParameterRole.Message);
}
