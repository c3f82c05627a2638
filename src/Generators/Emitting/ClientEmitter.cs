using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes the typed client: the <c>XRef</c> struct (just a pid; calls become <c>ValueTask&lt;T&gt;</c> methods, casts
/// <c>void</c> methods) and the <c>IXClient</c> interface it implements, so code using a server can be tested with a fake.
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceWriter writer, GenServerModel model)
    {
        var messages = GenServerEmitter.QualifiedServerName(model) + "." + Names.MessagesClass + ".";
        var refName = model.RefType;

        writer.Line("/// <summary>");
        writer.Line("/// A typed client for a <c>" + model.Name + "</c> process. It only holds the pid: copy it, store it, compare it.");
        writer.Line("/// Calls fail with a <c>CallException</c> when the server is gone; casts never fail.");
        writer.Line("/// </summary>");
        writer.Line(Names.GeneratedCode);
        writer.OpenType(model.Accessibility + " readonly partial struct " + refName + " : " + model.ClientInterfaceType + ", " + Names.ProcessRef + "<" + refName + ">, global::System.IEquatable<" + refName + ">", model.ConstraintClauses);
        writer.Line("private " + model.RefName + "(" + Names.Pid + " pid) => Pid = pid;");
        writer.Line();
        writer.Line("/// <summary>The server process.</summary>");
        writer.Line("public " + Names.Pid + " Pid { get; }");
        writer.Line();
        writer.Line("/// <summary>A client for <paramref name=\"pid\"/>, which should be a <c>" + model.Name + "</c> process.</summary>");
        writer.Line("/// <param name=\"pid\">The server process.</param>");
        writer.Line("/// <returns>The client.</returns>");
        writer.Line("public static " + refName + " FromPid(" + Names.Pid + " pid) => new " + refName + "(pid);");
        writer.Line();

        foreach (var request in model.Requests)
        {
            // The interface carries the documentation; repeating it here would double the size of every generated file.
            writer.Line("/// <inheritdoc/>");
            WriteObsolete(writer, request);
            var construction = "new " + messages + request.MessageClassName + "(" + string.Join(", ", MessageParameters(request).Select(parameter => parameter.Name)) + ")";
            if (request.Kind == RequestKind.Call)
            {
                writer.Line("public " + Signature(request) + " =>");
                var (timeout, cancellationToken) = CallParameterNames(request);
                writer.Line("    " + Names.GenServer + ".CallAsync(Pid, " + construction + ", " + timeout + ", " + cancellationToken + ");");
            }
            else
            {
                writer.Line("public " + Signature(request) + " => " + Names.GenServer + ".Cast(Pid, " + construction + ");");
            }

            writer.Line();
        }

        // A [Call] or [Cast] the user named Stop already owns the name; the runtime's GenServer.StopAsync stays available.
        // A protocol's server is elsewhere; gen_server:stop needs a local process, so its client has no StopAsync.
        if (!model.IsProtocolDeclaration && !model.Requests.Any(request => request.ClientName == "StopAsync"))
        {
            WriteStop(writer);
        }

        writer.Line("/// <inheritdoc/>");
        writer.Line("public bool Equals(" + refName + " other) => Pid.Equals(other.Pid);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override bool Equals(object? obj) => obj is " + refName + " other && Equals(other);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override int GetHashCode() => Pid.GetHashCode();");
        writer.Line();
        writer.Line("/// <summary>The server and its pid, e.g. <c>" + model.Name + "&lt;0.42.0&gt;</c>.</summary>");
        writer.Line("public override string ToString() => \"" + model.Name + "\" + Pid.ToString();");
        writer.Line();
        writer.Line("/// <summary>Equality by pid.</summary>");
        writer.Line("public static bool operator ==(" + refName + " left, " + refName + " right) => left.Equals(right);");
        writer.Line();
        writer.Line("/// <summary>Inequality by pid.</summary>");
        writer.Line("public static bool operator !=(" + refName + " left, " + refName + " right) => !left.Equals(right);");
        writer.Close();
        writer.Line();

        writer.Line("/// <summary>The requests a <c>" + model.Name + "</c> process accepts; implemented by <see cref=\"" + model.RefName + TypeParameterList.OfCref(model.TypeParameters) + "\"/>, and by fakes in tests.</summary>");
        writer.Line(Names.GeneratedCode);
        writer.OpenType(model.Accessibility + " partial interface " + model.ClientInterfaceType, model.ConstraintClauses);
        writer.Line("/// <summary>The server process.</summary>");
        writer.Line(Names.Pid + " Pid { get; }");
        foreach (var request in model.Requests)
        {
            writer.Line();
            WriteDocs(writer, request);
            WriteObsolete(writer, request);
            writer.Line(Signature(request) + ";");
        }

        writer.Close();
    }

    /// <summary>The OTP <c>gen_server:stop</c> of the client (on the struct only, so existing fakes of the interface stay valid).</summary>
    private static void WriteStop(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Stops the server (OTP <c>gen_server:stop</c>): it runs its terminate hook and exits with <paramref name=\"reason\"/>");
        writer.Line("/// (<c>normal</c> when null); completes once the process is gone and its name is free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"reason\">The exit reason; <c>normal</c> when null.</param>");
        writer.Line("/// <param name=\"timeout\">How long to wait for the exit; no limit when null.</param>");
        writer.Line("/// <returns>A task that completes when the server has exited.</returns>");
        writer.Line("/// <exception cref=\"global::Arbor.CallException\">The server does not exist, did not exit in time, or exited with another reason.</exception>");
        writer.Line("public " + Names.Task + " StopAsync(" + Names.ExitReason + "? reason = null, " + Names.TimeSpan + "? timeout = null) =>");
        writer.Line("    " + Names.GenServer + ".StopAsync(Pid, reason, timeout);");
        writer.Line();
    }

    private static void WriteObsolete(SourceWriter writer, RequestHandlerModel request)
    {
        if (request.Obsolete is not null)
        {
            writer.Line(request.Obsolete);
        }
    }

    private static IEnumerable<ParameterModel> MessageParameters(RequestHandlerModel request) =>
        request.Parameters.Where(parameter => parameter.Role == ParameterRole.Message);

    /// <summary>The call's own parameters, named so that they never collide with the handler's (see <see cref="GeneratedParameterNames"/>).</summary>
    private static (string Timeout, string CancellationToken) CallParameterNames(RequestHandlerModel request)
    {
        var names = new GeneratedParameterNames(MessageParameters(request));
        return (names.Pick("timeout"), names.Pick("cancellationToken"));
    }

    private static string Signature(RequestHandlerModel request)
    {
        var parameters = ParameterLists.Declare(MessageParameters(request));
        if (request.Kind == RequestKind.Cast)
        {
            return "void " + request.ClientName + "(" + string.Join(", ", parameters) + ")";
        }

        var (timeout, cancellationToken) = CallParameterNames(request);
        parameters.Add(Names.TimeSpan + "? " + timeout + " = null");
        parameters.Add(Names.CancellationToken + " " + cancellationToken + " = default");
        return Names.ValueTask + "<" + request.ResultType + "> " + request.ClientName + "(" + string.Join(", ", parameters) + ")";
    }

    private static void WriteDocs(SourceWriter writer, RequestHandlerModel request)
    {
        if (request.Kind == RequestKind.Call)
        {
            writer.Line("/// <summary>Calls <c>" + request.DisplayName + "</c> and waits for the reply.</summary>");
        }
        else
        {
            writer.Line("/// <summary>Casts <c>" + request.DisplayName + "</c>: fire and forget; dropped if the server is gone.</summary>");
        }

        foreach (var parameter in MessageParameters(request))
        {
            writer.Line("/// <param name=\"" + GenServerEmitter.DocName(parameter) + "\">Passed to the handler.</param>");
        }

        if (request.Kind == RequestKind.Call)
        {
            var (timeout, cancellationToken) = CallParameterNames(request);
            writer.Line("/// <param name=\"" + timeout + "\">How long to wait for the reply: 5 seconds when null, <c>Timeout.InfiniteTimeSpan</c> for no limit.</param>");
            writer.Line("/// <param name=\"" + cancellationToken + "\">Stops waiting; the server may still handle the request.</param>");
            writer.Line("/// <returns>The server's reply.</returns>");
            writer.Line("/// <exception cref=\"global::Arbor.CallException\">The call timed out, or the server does not exist or exited before replying.</exception>");
        }
    }
}
