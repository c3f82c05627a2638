using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>Writes the static start helpers (<c>StartAsync</c>, <c>StartLinkAsync</c>, <c>ChildSpec</c>) and <c>SelfRef</c>.</summary>
internal static class StartEmitter
{
    /// <param name="writer">Where the helpers go.</param>
    /// <param name="model">The process's model.</param>
    /// <param name="starter">The runtime class whose <c>StartAsync</c> starts it: GenServer, or StateMachine for a state machine.</param>
    public static void Emit(SourceWriter writer, GenServerModel model, string starter = Names.GenServer)
    {
        var arguments = string.Join(", ", model.InitParameters.Select(parameter => parameter.Name));
        var declared = string.Concat(ParameterLists.Declare(model.InitParameters).Select(parameter => parameter + ", "));
        var factory = "() => new " + model.ServerType + "(" + arguments + ")";

        WriteStart(writer, model, starter, "StartAsync", declared, factory, link: false,
            "Starts a <c>" + model.Name + "</c> process that is not supervised and not linked to the caller. Prefer <c>ChildSpec</c> under a supervisor.");
        WriteStart(writer, model, starter, "StartLinkAsync", declared, factory, link: true,
            "Starts a <c>" + model.Name + "</c> process linked to the calling process, which becomes its parent (OTP <c>start_link</c>). Must be called from inside a process.");

        writer.Line("/// <summary>");
        writer.Line("/// A child spec that starts a <c>" + model.Name + "</c> under a supervisor, with these start arguments on every (re)start.");
        writer.Line("/// </summary>");
        WriteInitParameterDocs(writer, model);
        writer.Line("/// <param name=\"id\">The child's id among its siblings; defaults to <paramref name=\"name\"/>, then <c>\"" + model.Name + "\"</c>.</param>");
        writer.Line("/// <param name=\"name\">Registers the process under this unique name on each start.</param>");
        writer.Line("/// <param name=\"restart\">When the supervisor restarts it.</param>");
        writer.Line("/// <param name=\"shutdown\">How the supervisor stops it; null for the worker default (5 seconds).</param>");
        writer.Line("/// <param name=\"significant\">Whether its exit can trigger the supervisor's auto-shutdown (OTP <c>significant</c>); only for a transient or temporary child under a supervisor with auto-shutdown.</param>");
        writer.Line("/// <returns>The spec; the supervisor validates it before starting anything.</returns>");
        writer.Line(Names.GeneratedCode);
        writer.Line("public static " + Names.ChildSpec + " ChildSpec(" + declared + "string? id = null, string? name = null, " + Names.Restart + " restart = " + Names.Restart + ".Permanent, " + Names.Shutdown + "? shutdown = null, bool significant = false) =>");
        writer.Line("    new " + Names.ChildSpec + "(id ?? name ?? \"" + model.Name + "\", arborStartContext => " + starter + ".StartAsync(arborStartContext.Node, " + factory + ", new " + Names.StartOptions + " { Name = name, Link = true }))");
        writer.Line("    {");
        writer.Line("        Restart = restart,");
        writer.Line("        Shutdown = shutdown,");
        writer.Line("        Significant = significant,");
        writer.Line("    };");
        writer.Line();

        writer.Line("/// <summary>A typed client for this process, to hand to other processes (a server calling itself fails with <c>CallingSelfException</c>).</summary>");
        writer.Line((model.IsSealed ? "private " : "protected ") + model.RefType + " SelfRef => " + model.RefType + ".FromPid(base.Self);");
        writer.Line();
    }

    private static void WriteStart(SourceWriter writer, GenServerModel model, string starter, string method, string declared, string factory, bool link, string summary)
    {
        writer.Line("/// <summary>");
        writer.Line("/// " + summary);
        writer.Line("/// The constructor runs inside the new process as its init callback.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"node\">The node to run on.</param>");
        WriteInitParameterDocs(writer, model);
        writer.Line("/// <param name=\"name\">Registers the process under this unique name before init runs.</param>");
        writer.Line("/// <returns>A client for the running process.</returns>");
        writer.Line("/// <exception cref=\"global::Arbor.StartFailedException\">Init failed, stopped or ignored, or the name is taken.</exception>");
        writer.Line(Names.GeneratedCode);
        // The typed start completes the client straight from init: no async state machine per start.
        writer.Line("public static " + Names.ValueTask + "<" + model.RefType + "> " + method + "(" + Names.ArborNode + " node, " + declared + "string? name = null) =>");
        writer.Line("    " + starter + ".StartAsync<" + model.RefType + ">(node, " + factory + ", new " + Names.StartOptions + " { Name = name" + (link ? ", Link = true" : string.Empty) + " }, name is null ? \"" + model.Name + "\" : \"" + model.Name + " '\" + name + \"'\");");
        writer.Line();
    }

    private static void WriteInitParameterDocs(SourceWriter writer, GenServerModel model)
    {
        foreach (var parameter in model.InitParameters)
        {
            writer.Line("/// <param name=\"" + GenServerEmitter.DocName(parameter) + "\">Passed to the constructor.</param>");
        }
    }
}
