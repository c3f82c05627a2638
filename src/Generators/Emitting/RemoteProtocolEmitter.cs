using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes the Erlang term codecs of a <c>[GenServer(Remote = true)]</c> class: a nested <c>ArborRemoteProtocol</c>
/// implementing <c>IRemoteProtocol</c> with one decode/encode helper pair per mapped type (plain static methods, no
/// reflection), and the explicit <c>IRemoteServer</c> implementation the transport finds it by.
/// </summary>
internal static class RemoteProtocolEmitter
{
    private const string Protocol = "global::Arbor.Distribution.Terms.Mapping.IRemoteProtocol";
    private const string Server = "global::Arbor.Distribution.Terms.Mapping.IRemoteServer";
    private const string Decoding = "global::Arbor.Distribution.Terms.Mapping.TermDecoding";
    private const string Encoding = "global::Arbor.Distribution.Terms.Mapping.TermEncoding";
    private const string Atom = "global::Arbor.Distribution.Terms.Atom";
    private const string Envelope = "global::Arbor.Protocol.Envelope";
    private const string NotNullWhen = "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)]";

    /// <summary>The interface a remote server's messages implement, so a typed client's request finds its codecs.</summary>
    public const string RequestInterface = "global::Arbor.Distribution.Terms.Mapping.IRemoteRequest";

    /// <summary>The interface the server class implements when it is remote.</summary>
    public const string ServerInterface = Server;

    public static void Emit(SourceWriter writer, GenServerModel model)
    {
        if (model.Remote is not { } remote)
        {
            return;
        }

        var helpers = new HelperSet();
        foreach (var request in remote.Requests)
        {
            foreach (var parameter in request.Parameters)
            {
                helpers.Add(parameter.Type);
            }

            if (request.Result is { } result)
            {
                helpers.Add(result);
            }
        }

        foreach (var shape in remote.Shapes)
        {
            foreach (var field in shape.Fields)
            {
                helpers.Add(field.Type);
            }
        }

        var atoms = new AtomFields();
        if (!model.IsProtocolDeclaration)
        {
            writer.Line("/// <summary>This server's Erlang term codecs (it is [GenServer(Remote = true)]); the distribution transport uses them.</summary>");
            writer.Line(Protocol + " " + Server + ".RemoteProtocol => ArborRemoteProtocol.Instance;");
            writer.Line();
        }

        writer.Line("/// <summary>");
        writer.Line("/// The Erlang shapes of this server's requests (docs/distribution-terms.md):");
        writer.Line("/// <list type=\"bullet\">");
        foreach (var request in remote.Requests)
        {
            writer.Line("/// <item><c>" + Xml(request.Shape) + "</c>: " + (request.Kind == RequestKind.Call ? "call" : "cast") + " (<c>" + request.MessageClassName + "</c>).</item>");
        }

        writer.Line("/// </list>");
        writer.Line("/// </summary>");
        writer.Line(Names.EditorBrowsableNever);
        writer.Open("internal sealed class ArborRemoteProtocol : " + Protocol);
        writer.Line("/// <summary>The shared instance.</summary>");
        writer.Line("public static readonly ArborRemoteProtocol Instance = new();");
        writer.Line();

        WriteTryDecode(writer, remote, RequestKind.Call, atoms);
        WriteTryDecode(writer, remote, RequestKind.Cast, atoms);
        WriteEncodeReply(writer, remote);
        WriteEncodeRequest(writer, remote, atoms);
        WriteTryDecodeReply(writer, remote);

        foreach (var type in helpers.Types)
        {
            WriteHelpers(writer, type, helpers, remote, atoms);
        }

        foreach (var (name, atom) in atoms.All)
        {
            writer.Line("private static readonly " + Atom + " " + name + " = " + Atom + ".Of(" + Literal(atom) + ");");
        }

        writer.Close();
        writer.Line();
    }

    private static void WriteTryDecode(SourceWriter writer, RemoteProtocolModel remote, RequestKind kind, AtomFields atoms)
    {
        var baseType = kind == RequestKind.Call ? Names.CallMessage : Names.CastMessage;
        var name = kind == RequestKind.Call ? "call" : "cast";
        writer.Line("/// <inheritdoc/>");
        writer.Open("public bool TryDecode" + kind + "(object request, " + NotNullWhen + " out " + baseType + "? " + name + ")");
        var index = 0;
        foreach (var request in remote.Requests.Where(candidate => candidate.Kind == kind))
        {
            var atom = atoms.For(request.Atom);
            writer.Line("// " + request.Shape);
            if (request.Parameters.Count == 0)
            {
                writer.Open("if (request is " + Atom + " atom" + index + " && atom" + index + " == " + atom + ")");
                writer.Line(name + " = new " + Names.MessagesClass + "." + request.MessageClassName + "();");
            }
            else
            {
                var tuple = "tuple" + index;
                var condition = Decoding + ".TryTuple(request, " + (request.Parameters.Count + 1) + ", out var " + tuple + ") && " + tuple + "[0] is " + Atom + " atom" + index + " && atom" + index + " == " + atom;
                var arguments = new List<string>();
                for (var i = 0; i < request.Parameters.Count; i++)
                {
                    var variable = "argument" + index + "_" + i;
                    condition += " && " + HelperSet.DecodeName(request.Parameters[i].Type) + "(" + tuple + "[" + (i + 1) + "], out var " + variable + ")";
                    arguments.Add(variable);
                }

                writer.Open("if (" + condition + ")");
                writer.Line(name + " = new " + Names.MessagesClass + "." + request.MessageClassName + "(" + string.Join(", ", arguments) + ");");
            }

            writer.Line("return true;");
            writer.Close();
            writer.Line();
            index++;
        }

        writer.Line(name + " = null;");
        writer.Line("return false;");
        writer.Close();
        writer.Line();
    }

    private static void WriteEncodeReply(SourceWriter writer, RemoteProtocolModel remote)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Open("public object EncodeReply(" + Names.CallMessage + " call, object? result)");
        writer.Open("switch (call)");
        foreach (var request in remote.Requests.Where(candidate => candidate.Result is not null))
        {
            writer.Line("case " + Names.MessagesClass + "." + request.MessageClassName + ":");
            writer.Line("    return " + HelperSet.EncodeName(request.Result!) + "((" + request.Result!.Type + ")result!) ?? " + Atom + ".Nil;");
        }

        writer.Line("default:");
        writer.Line("    throw new global::System.ArgumentException(\"Not a call of this server: \" + call, nameof(call));");
        writer.Close();
        writer.Close();
        writer.Line();
    }

    private static void WriteEncodeRequest(SourceWriter writer, RemoteProtocolModel remote, AtomFields atoms)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Open("public object EncodeRequest(" + Envelope + " request)");
        writer.Open("switch (request)");
        var index = 0;
        foreach (var request in remote.Requests)
        {
            var atom = atoms.For(request.Atom);
            if (request.Parameters.Count == 0)
            {
                writer.Line("case " + Names.MessagesClass + "." + request.MessageClassName + ":");
                writer.Line("    return " + atom + ";");
            }
            else
            {
                var message = "message" + index;
                var elements = new List<string> { atom };
                elements.AddRange(request.Parameters.Select(parameter => HelperSet.EncodeName(parameter.Type) + "(" + message + "." + parameter.FieldName + ")"));
                writer.Line("case " + Names.MessagesClass + "." + request.MessageClassName + " " + message + ":");
                writer.Line("    return " + Encoding + ".Tuple(" + string.Join(", ", elements) + ");");
            }

            index++;
        }

        writer.Line("default:");
        writer.Line("    throw new global::System.ArgumentException(\"Not a request of this server: \" + request, nameof(request));");
        writer.Close();
        writer.Close();
        writer.Line();
    }

    private static void WriteTryDecodeReply(SourceWriter writer, RemoteProtocolModel remote)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Open("public bool TryDecodeReply(" + Names.CallMessage + " call, object reply, out object? result)");
        writer.Open("switch (call)");
        foreach (var request in remote.Requests.Where(candidate => candidate.Result is not null))
        {
            writer.Open("case " + Names.MessagesClass + "." + request.MessageClassName + ":");
            writer.Line("var ok = " + HelperSet.DecodeName(request.Result!) + "(reply, out var value);");
            writer.Line("result = value;");
            writer.Line("return ok;");
            writer.Close();
        }

        writer.Line("default:");
        writer.Line("    result = null;");
        writer.Line("    return false;");
        writer.Close();
        writer.Close();
        writer.Line();
    }

    private static void WriteHelpers(SourceWriter writer, TermTypeModel type, HelperSet helpers, RemoteProtocolModel remote, AtomFields atoms)
    {
        var decode = HelperSet.DecodeName(type);
        var encode = HelperSet.EncodeName(type);
        var shape = type.ShapeName is null ? null : remote.Shapes.FirstOrDefault(candidate => candidate.ShapeName == type.ShapeName);
        writer.Open("private static bool " + decode + "(object term, out " + type.Type + " value)");
        WriteDecodeBody(writer, type, shape, atoms);
        writer.Close();
        writer.Line();
        writer.Open("private static object? " + encode + "(" + type.Type + " value)");
        WriteEncodeBody(writer, type, shape, atoms);
        writer.Close();
        writer.Line();
    }

    private static void WriteDecodeBody(SourceWriter writer, TermTypeModel type, ComplexShapeModel? shape, AtomFields atoms)
    {
        switch (type.Kind)
        {
            case TermKind.Int32:
            case TermKind.Int64:
            case TermKind.Int16:
            case TermKind.Byte:
            case TermKind.UInt32:
            case TermKind.UInt64:
            case TermKind.BigInteger:
            case TermKind.Double:
            case TermKind.Single:
            case TermKind.String:
            case TermKind.Boolean:
            case TermKind.Bytes:
            case TermKind.Atom:
            case TermKind.Pid:
                writer.Line("return " + Decoding + ".Try" + type.Kind + "(term, out value);");
                break;
            case TermKind.Term:
                if (type.Type == "object")
                {
                    writer.Line("value = term;");
                    writer.Line("return true;");
                }
                else
                {
                    writer.Line("value = term as " + type.Type + " ?? default!;");
                    writer.Line("return term is " + type.Type + ";");
                }

                break;
            case TermKind.NullableValue:
            case TermKind.NullableReference:
                writer.Open("if (" + Decoding + ".IsNil(term))");
                writer.Line("value = null;");
                writer.Line("return true;");
                writer.Close();
                writer.Line();
                writer.Line("var ok = " + HelperSet.DecodeName(type.Arguments[0]) + "(term, out var inner);");
                writer.Line("value = inner;");
                writer.Line("return ok;");
                break;
            case TermKind.List:
            case TermKind.Array:
                {
                    var element = type.Arguments[0];
                    writer.Line("var ok = " + Decoding + "." + (type.Kind == TermKind.Array ? "TryArray" : "TryList") + "<" + element.Type + ">(term, " + HelperSet.DecodeName(element) + ", out var items);");
                    writer.Line("value = items;");
                    writer.Line("return ok;");
                    break;
                }

            case TermKind.Dictionary:
                writer.Line("var ok = " + Decoding + ".TryDictionary<" + type.Arguments[0].Type + ", " + type.Arguments[1].Type + ">(term, " + HelperSet.DecodeName(type.Arguments[0]) + ", " + HelperSet.DecodeName(type.Arguments[1]) + ", out var pairs);");
                writer.Line("value = pairs;");
                writer.Line("return ok;");
                break;
            case TermKind.Tuple:
                {
                    var condition = Decoding + ".TryTuple(term, " + type.Arguments.Count + ", out var tuple)";
                    var items = new List<string>();
                    for (var i = 0; i < type.Arguments.Count; i++)
                    {
                        condition += " && " + HelperSet.DecodeName(type.Arguments[i]) + "(tuple[" + i + "], out var item" + i + ")";
                        items.Add("item" + i);
                    }

                    writer.Open("if (" + condition + ")");
                    writer.Line("value = (" + string.Join(", ", items) + ");");
                    writer.Line("return true;");
                    writer.Close();
                    writer.Line();
                    writer.Line("value = default;");
                    writer.Line("return false;");
                    break;
                }

            case TermKind.Enum:
                writer.Open("switch ((term as " + Atom + "?)?.Name)");
                foreach (var member in shape!.Members)
                {
                    writer.Line("case " + Literal(member.Atom) + ":");
                    writer.Line("    value = " + type.Type + "." + member.Name + ";");
                    writer.Line("    return true;");
                }

                writer.Line("default:");
                writer.Line("    value = default;");
                writer.Line("    return false;");
                writer.Close();
                break;
            case TermKind.Record:
                {
                    writer.Line("value = default!;");
                    var condition = Decoding + ".TryMap(term, out var map)";
                    var fields = shape!.Fields;
                    for (var i = 0; i < fields.Count; i++)
                    {
                        // A missing key is nil for a nullable property (Elixir maps often leave nil fields out).
                        condition += fields[i].Type.Kind is TermKind.NullableValue or TermKind.NullableReference
                            ? " && " + HelperSet.DecodeName(fields[i].Type) + "(map.TryGetValue(" + atoms.For(fields[i].Atom) + ", out var field" + i + ") ? field" + i + " : " + Atom + ".Nil, out var value" + i + ")"
                            : " && map.TryGetValue(" + atoms.For(fields[i].Atom) + ", out var field" + i + ") && " + HelperSet.DecodeName(fields[i].Type) + "(field" + i + ", out var value" + i + ")";
                    }

                    writer.Open("if (!(" + condition + "))");
                    writer.Line("return false;");
                    writer.Close();
                    writer.Line();
                    var constructorArguments = fields.Select((field, i) => (field, i)).Where(pair => pair.field.ConstructorIndex >= 0).OrderBy(pair => pair.field.ConstructorIndex).Select(pair => "value" + pair.i);
                    var initializers = fields.Select((field, i) => (field, i)).Where(pair => pair.field.ConstructorIndex < 0).Select(pair => pair.field.Name + " = value" + pair.i).ToList();
                    writer.Line("value = new " + type.Type + "(" + string.Join(", ", constructorArguments) + ")" + (initializers.Count > 0 ? " { " + string.Join(", ", initializers) + " }" : string.Empty) + ";");
                    writer.Line("return true;");
                    break;
                }
        }
    }

    private static void WriteEncodeBody(SourceWriter writer, TermTypeModel type, ComplexShapeModel? shape, AtomFields atoms)
    {
        switch (type.Kind)
        {
            case TermKind.NullableValue:
                writer.Line("return value is null ? " + Atom + ".Nil : " + HelperSet.EncodeName(type.Arguments[0]) + "(value.Value);");
                break;
            case TermKind.NullableReference:
                writer.Line("return value is null ? " + Atom + ".Nil : " + HelperSet.EncodeName(type.Arguments[0]) + "(value);");
                break;
            case TermKind.List:
            case TermKind.Array:
                writer.Line("return " + Encoding + ".List<" + type.Arguments[0].Type + ">(value, " + HelperSet.EncodeName(type.Arguments[0]) + ");");
                break;
            case TermKind.Dictionary:
                writer.Line("return " + Encoding + ".Map<" + type.Arguments[0].Type + ", " + type.Arguments[1].Type + ">(value, " + HelperSet.EncodeName(type.Arguments[0]) + ", " + HelperSet.EncodeName(type.Arguments[1]) + ");");
                break;
            case TermKind.Tuple:
                writer.Line("return " + Encoding + ".Tuple(" + string.Join(", ", type.Arguments.Select((item, i) => HelperSet.EncodeName(item) + "(value.Item" + (i + 1) + ")")) + ");");
                break;
            case TermKind.Enum:
                writer.Open("return value switch");
                foreach (var member in shape!.Members)
                {
                    writer.Line(type.Type + "." + member.Name + " => " + atoms.For(member.Atom) + ",");
                }

                writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"Not a named member of " + type.Type.Replace("global::", string.Empty) + "; only named members map to atoms.\"),");
                writer.Close("};");
                break;
            case TermKind.Record:
                {
                    var fields = shape!.Fields.Select(field => Encoding + ".Field(" + atoms.For(field.Atom) + ", " + HelperSet.EncodeName(field.Type) + "(value." + field.Name + "))");
                    var record = Encoding + ".Record(" + string.Join(", ", fields) + ")";
                    writer.Line(shape.IsValueType ? "return " + record + ";" : "return value is null ? " + Atom + ".Nil : " + record + ";");
                    break;
                }

            default:
                writer.Line("return value;");
                break;
        }
    }

    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The distinct mapped types, each getting one Decode/Encode pair named after its shape.</summary>
    private sealed class HelperSet
    {
        private readonly List<TermTypeModel> _types = new();
        private readonly HashSet<TermTypeModel> _seen = new();

        public IReadOnlyList<TermTypeModel> Types => _types;

        public void Add(TermTypeModel type)
        {
            if (!_seen.Add(type))
            {
                return;
            }

            _types.Add(type);
            foreach (var argument in type.Arguments)
            {
                Add(argument);
            }
        }

        public static string DecodeName(TermTypeModel type) => "Decode" + Suffix(type);

        public static string EncodeName(TermTypeModel type) => "Encode" + Suffix(type);

        private static string Suffix(TermTypeModel type) => type.Kind switch
        {
            TermKind.Enum or TermKind.Record => type.ShapeName!,
            TermKind.Term => type.Type == "object" ? "Term" : type.Type.Substring(type.Type.LastIndexOf('.') + 1),
            TermKind.Array => "ArrayOf" + Suffix(type.Arguments[0]),
            TermKind.List => "ListOf" + Suffix(type.Arguments[0]) + ListFlavour(type.Type),
            TermKind.Dictionary => "MapOf" + Suffix(type.Arguments[0]) + "To" + Suffix(type.Arguments[1]) + ListFlavour(type.Type),
            TermKind.Tuple => "TupleOf" + string.Join("And", type.Arguments.Select(Suffix)),
            TermKind.NullableValue or TermKind.NullableReference => "Nullable" + Suffix(type.Arguments[0]),
            _ => type.Kind.ToString(),
        };

        // List<int> and IReadOnlyList<int> map the same way but are different C# types, so their helpers differ in name.
        private static string ListFlavour(string type)
        {
            var generic = type.IndexOf('<');
            var name = generic < 0 ? type : type.Substring(0, generic);
            return "_" + name.Substring(name.LastIndexOf('.') + 1);
        }
    }

    /// <summary>One static readonly Atom field per distinct atom the protocol uses.</summary>
    private sealed class AtomFields
    {
        private readonly Dictionary<string, string> _names = new();
        private readonly List<(string Name, string Atom)> _all = new();

        public IReadOnlyList<(string Name, string Atom)> All => _all;

        public string For(string atom)
        {
            if (!_names.TryGetValue(atom, out var name))
            {
                name = "Atom" + _all.Count + "_" + new string(atom.Select(c => char.IsLetterOrDigit(c) && c < 128 ? c : '_').ToArray());
                _names.Add(atom, name);
                _all.Add((name, atom));
            }

            return name;
        }
    }
}
