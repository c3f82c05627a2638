using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes one message class per call and cast, nested in <c>ArborMessages</c> inside the server. A message carries the
/// handler's caller-supplied arguments; a call message is also the caller's reply slot (see <c>CallMessage&lt;T&gt;</c>).
/// </summary>
internal static class MessageEmitter
{
    public static void Emit(SourceWriter writer, GenServerModel model)
    {
        if (model.Requests.Count == 0)
        {
            return;
        }

        writer.Line("/// <summary>The requests the generated client sends to this server, one class per call and cast.</summary>");
        writer.Line(Names.EditorBrowsableNever);
        writer.Open("internal static class " + Names.MessagesClass);
        var first = true;
        foreach (var request in model.Requests)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            WriteMessage(writer, request, model.Remote is not null);
        }

        writer.Close();
    }

    private static void WriteMessage(SourceWriter writer, RequestHandlerModel request, bool remote)
    {
        var fields = request.Parameters.Where(parameter => parameter.Role == ParameterRole.Message).ToList();
        var baseType = request.Kind == RequestKind.Call
            ? Names.CallMessage + "<" + request.ResultType + ">"
            : Names.CastMessage;

        writer.Line("/// <summary>The <c>" + request.DisplayName + "</c> " + (request.Kind == RequestKind.Call ? "call" : "cast") + ".</summary>");
        // A remote server's messages carry its term codecs, so a typed client can send them to another node.
        writer.Open("internal sealed class " + request.MessageClassName + " : " + baseType + (remote ? ", " + RemoteProtocolEmitter.RequestInterface : string.Empty));
        foreach (var field in fields)
        {
            writer.Line("internal readonly " + field.Type + " " + field.FieldName + ";");
        }

        if (fields.Count > 0)
        {
            writer.Line();
            writer.Open("internal " + request.MessageClassName + "(" + string.Join(", ", fields.Select(field => field.Type + " " + field.Name)) + ")");
            foreach (var field in fields)
            {
                writer.Line("this." + field.FieldName + " = " + field.Name + ";");
            }

            writer.Close();
            writer.Line();
        }

        if (remote)
        {
            writer.Line("/// <summary>The codecs that put this request on the wire to another node.</summary>");
            writer.Line("global::Arbor.Distribution.Terms.Mapping.IRemoteProtocol " + RemoteProtocolEmitter.RequestInterface + ".RemoteProtocol => ArborRemoteProtocol.Instance;");
            writer.Line();
        }

        writer.Line("/// <summary>The request and its arguments, for crash reports and call errors.</summary>");
        var arguments = string.Join(", ", fields.Select(field => "{this." + field.FieldName + "}"));
        writer.Line("public override string ToString() => " + (fields.Count > 0 ? "$" : string.Empty) + "\"" + request.DisplayName + "(" + arguments + ")\";");
        writer.Close();
    }
}
