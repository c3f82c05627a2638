namespace Arbor.Generators.Model;

/// <summary>How a C# type maps to an Erlang term (docs/distribution-terms.md has the table).</summary>
internal enum TermKind
{
    Int32,
    Int64,
    Int16,
    Byte,
    UInt32,
    UInt64,
    BigInteger,
    Double,
    Single,
    String,
    Boolean,
    Bytes,
    Atom,
    Pid,
    Term,
    Enum,
    Record,
    Array,
    List,
    Dictionary,
    Tuple,
    NullableValue,
    NullableReference,
}

/// <summary>A C# type and its term mapping.</summary>
/// <param name="Kind">The mapping.</param>
/// <param name="Type">The fully qualified C# type (without a top-level nullable annotation for reference types).</param>
/// <param name="Arguments">Element type (arrays, lists), key and value (dictionaries), items (tuples), the inner type (nullables).</param>
/// <param name="ShapeName">For enums and records: the generated helper methods' suffix.</param>
internal sealed record TermTypeModel(TermKind Kind, string Type, EquatableArray<TermTypeModel> Arguments, string? ShapeName);

/// <summary>An enum member and its atom.</summary>
internal sealed record EnumMemberModel(string Name, string Atom);

/// <summary>A property of a record-like type, and its atom key.</summary>
/// <param name="Name">The property.</param>
/// <param name="Atom">The map key.</param>
/// <param name="Type">Its mapping.</param>
/// <param name="ConstructorIndex">Its position among the constructor's parameters, or -1 when it is set by an initializer.</param>
internal sealed record RecordFieldModel(string Name, string Atom, TermTypeModel Type, int ConstructorIndex);

/// <summary>An enum or record-like type used by a remote server, which gets its own encode/decode helper pair.</summary>
/// <param name="ShapeName">The helpers' suffix.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="IsEnum">Enum (atoms) or record (map with atom keys).</param>
/// <param name="Members">The enum members.</param>
/// <param name="Fields">The record's properties.</param>
/// <param name="IsValueType">A struct record (null checks differ).</param>
internal sealed record ComplexShapeModel(string ShapeName, string Type, bool IsEnum, EquatableArray<EnumMemberModel> Members, EquatableArray<RecordFieldModel> Fields, bool IsValueType);

/// <summary>One call or cast of a remote server and its Erlang shape.</summary>
/// <param name="MessageClassName">The generated message class it decodes to.</param>
/// <param name="Kind">Call or cast.</param>
/// <param name="Atom">The request's atom: the whole request without arguments, the tuple's first element with them.</param>
/// <param name="Parameters">The message parameters (field name and mapping), in order.</param>
/// <param name="Result">A call's reply mapping.</param>
internal sealed record RemoteRequestModel(string MessageClassName, RequestKind Kind, string Atom, EquatableArray<RemoteParameterModel> Parameters, TermTypeModel? Result)
{
    /// <summary>The shape as Erlang code writes it: <c>{add, By}</c> or <c>get</c>.</summary>
    public string Shape
    {
        get
        {
            if (Parameters.Count == 0)
            {
                return Atom;
            }

            var parts = new string[Parameters.Count + 1];
            parts[0] = Atom;
            for (var i = 0; i < Parameters.Count; i++)
            {
                parts[i + 1] = Parameters[i].ErlangVariable;
            }

            return "{" + string.Join(", ", parts) + "}";
        }
    }
}

/// <summary>A message parameter of a remote request.</summary>
/// <param name="FieldName">The message class field.</param>
/// <param name="ErlangVariable">The parameter as an Erlang variable (<c>By</c>), for documentation.</param>
/// <param name="Type">Its mapping.</param>
internal sealed record RemoteParameterModel(string FieldName, string ErlangVariable, TermTypeModel Type);

/// <summary>A remote server's protocol: its requests and the complex types they use.</summary>
internal sealed record RemoteProtocolModel(EquatableArray<RemoteRequestModel> Requests, EquatableArray<ComplexShapeModel> Shapes);
