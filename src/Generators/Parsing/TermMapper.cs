using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Decides the Erlang term form of C# types for a remote server (docs/distribution-terms.md), collecting the enums and
/// record-like types that need their own codec helpers. A type without a term form yields null and a reason.
/// </summary>
internal sealed class TermMapper
{
    private static readonly SymbolDisplayFormat s_qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly HashSet<string> s_dynamicTerms = new()
    {
        "Arbor.Distribution.Terms.ErlangTuple", "Arbor.Distribution.Terms.ErlangList", "Arbor.Distribution.Terms.ErlangMap",
        "Arbor.Distribution.Terms.ErlangBitBinary", "Arbor.Distribution.Terms.ErlangPid", "Arbor.Distribution.Terms.ErlangReference",
        "Arbor.Distribution.Terms.ErlangPort", "Arbor.Distribution.Terms.ErlangFun", "Arbor.Distribution.Terms.ErlangExport",
    };

    private static readonly HashSet<string> s_listTypes = new()
    {
        "System.Collections.Generic.List<T>", "System.Collections.Generic.IList<T>", "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IReadOnlyCollection<T>", "System.Collections.Generic.IEnumerable<T>",
    };

    private static readonly HashSet<string> s_dictionaryTypes = new()
    {
        "System.Collections.Generic.Dictionary<TKey, TValue>", "System.Collections.Generic.IDictionary<TKey, TValue>",
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>",
    };

    private readonly Dictionary<ITypeSymbol, string> _shapeNames = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _usedShapeNames = new();
    private readonly List<ComplexShapeModel> _shapes = new();
    private readonly HashSet<ITypeSymbol> _failed = new(SymbolEqualityComparer.Default);

    /// <summary>The enums and records met so far, in the order they were first used.</summary>
    public EquatableArray<ComplexShapeModel> Shapes => EquatableArray.From(_shapes);

    /// <summary>Maps <paramref name="type"/>, or returns null with <paramref name="problem"/> saying why it cannot be.</summary>
    public TermTypeModel? Map(ITypeSymbol type, out string? problem)
    {
        problem = null;
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            var inner = Map(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), out problem);
            return inner is null ? null : new TermTypeModel(TermKind.NullableReference, inner.Type + "?", EquatableArray.From(new List<TermTypeModel> { inner }), null);
        }

        var qualified = type.ToDisplayString(s_qualified);
        TermTypeModel Scalar(TermKind kind) => new(kind, qualified, EquatableArray<TermTypeModel>.Empty, null);

        switch (type.SpecialType)
        {
            case SpecialType.System_Int32: return Scalar(TermKind.Int32);
            case SpecialType.System_Int64: return Scalar(TermKind.Int64);
            case SpecialType.System_Int16: return Scalar(TermKind.Int16);
            case SpecialType.System_Byte: return Scalar(TermKind.Byte);
            case SpecialType.System_UInt32: return Scalar(TermKind.UInt32);
            case SpecialType.System_UInt64: return Scalar(TermKind.UInt64);
            case SpecialType.System_Double: return Scalar(TermKind.Double);
            case SpecialType.System_Single: return Scalar(TermKind.Single);
            case SpecialType.System_String: return Scalar(TermKind.String);
            case SpecialType.System_Boolean: return Scalar(TermKind.Boolean);
            case SpecialType.System_Object: return Scalar(TermKind.Term);
        }

        if (type is ITypeParameterSymbol)
        {
            problem = "a type parameter has no fixed Erlang form";
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                problem = "multi-dimensional arrays have no Erlang form";
                return null;
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Scalar(TermKind.Bytes);
            }

            return Compose(TermKind.Array, qualified, out problem, array.ElementType);
        }

        if (type is not INamedTypeSymbol named)
        {
            problem = "only named types, arrays and the types in the mapping table cross the wire";
            return null;
        }

        var definition = named.OriginalDefinition.ToDisplayString();
        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Compose(TermKind.NullableValue, qualified, out problem, named.TypeArguments[0]);
        }

        switch (definition)
        {
            case "System.Numerics.BigInteger": return Scalar(TermKind.BigInteger);
            case "Arbor.Pid": return Scalar(TermKind.Pid);
            case "Arbor.Distribution.Terms.Atom": return Scalar(TermKind.Atom);
        }

        if (s_dynamicTerms.Contains(definition))
        {
            return Scalar(TermKind.Term);
        }

        if (s_listTypes.Contains(definition))
        {
            return Compose(TermKind.List, qualified, out problem, named.TypeArguments[0]);
        }

        if (s_dictionaryTypes.Contains(definition))
        {
            return Compose(TermKind.Dictionary, qualified, out problem, named.TypeArguments[0], named.TypeArguments[1]);
        }

        if (named.IsTupleType)
        {
            return Compose(TermKind.Tuple, qualified, out problem, named.TupleElements.Select(element => element.Type).ToArray());
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return new TermTypeModel(TermKind.Enum, qualified, EquatableArray<TermTypeModel>.Empty, ShapeName(named, isEnum: true, out problem));
        }

        // Framework types (DateTime, Guid, Task...) are not records of their public properties.
        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        var isFrameworkType = ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal);
        if (named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.IsAbstract && !named.IsGenericType && !isFrameworkType)
        {
            var shape = ShapeName(named, isEnum: false, out problem);
            return shape is null ? null : new TermTypeModel(TermKind.Record, qualified, EquatableArray<TermTypeModel>.Empty, shape);
        }

        problem = named.IsGenericType
            ? "generic types other than lists, dictionaries, tuples and Nullable<T> have no Erlang form"
            : named.TypeKind is TypeKind.Interface or TypeKind.Delegate ? $"a{(named.TypeKind == TypeKind.Interface ? "n interface" : " delegate")} has no Erlang form"
            : "it is not in the mapping table and is not a class or struct with public properties";
        return null;
    }

    private TermTypeModel? Compose(TermKind kind, string qualified, out string? problem, params ITypeSymbol[] arguments)
    {
        var mapped = new List<TermTypeModel>();
        foreach (var argument in arguments)
        {
            var inner = Map(argument, out problem);
            if (inner is null)
            {
                problem = $"'{argument.ToDisplayString()}' inside it: {problem}";
                return null;
            }

            mapped.Add(inner);
        }

        problem = null;
        return new TermTypeModel(kind, qualified, EquatableArray.From(mapped), null);
    }

    private string? ShapeName(INamedTypeSymbol type, bool isEnum, out string? problem)
    {
        problem = null;
        if (_shapeNames.TryGetValue(type, out var known))
        {
            return known;
        }

        if (_failed.Contains(type))
        {
            problem = "see the earlier error for this type";
            return null;
        }

        var name = type.Name;
        for (var suffix = 2; !_usedShapeNames.Add(name); suffix++)
        {
            name = type.Name + suffix;
        }

        // Registered before its fields are mapped, so a type that refers to itself terminates.
        _shapeNames[type] = name;
        var qualified = type.ToDisplayString(s_qualified);
        if (isEnum)
        {
            var members = type.GetMembers().OfType<IFieldSymbol>()
                .Where(field => field.HasConstantValue)
                .Select(field => new EnumMemberModel(field.Name, ErlangNames.AtomFor(field, field.Name)))
                .ToList();
            _shapes.Add(new ComplexShapeModel(name, qualified, true, EquatableArray.From(members), EquatableArray<RecordFieldModel>.Empty, true));
            return name;
        }

        var fields = RecordFields(type, out problem);
        if (fields is null)
        {
            _shapeNames.Remove(type);
            _failed.Add(type);
            return null;
        }

        _shapes.Add(new ComplexShapeModel(name, qualified, false, EquatableArray<EnumMemberModel>.Empty, EquatableArray.From(fields), type.IsValueType));
        return name;
    }

    private List<RecordFieldModel>? RecordFields(INamedTypeSymbol type, out string? problem)
    {
        problem = null;
        var properties = type.GetMembers().OfType<IPropertySymbol>()
            .Where(property => property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && !property.IsIndexer && property.GetMethod is not null && property.Name != "EqualityContract")
            .ToList();
        if (properties.Count == 0)
        {
            problem = $"'{type.Name}' has no public properties to carry";
            return null;
        }

        // The constructor that sets the most properties (matched by name, ignoring case, and type); the rest need setters.
        var constructor = type.InstanceConstructors
            .Where(candidate => candidate.DeclaredAccessibility == Accessibility.Public)
            .Where(candidate => candidate.Parameters.All(parameter => properties.Any(property => Matches(property, parameter))))
            .OrderByDescending(candidate => candidate.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            problem = $"'{type.Name}' has no public constructor whose parameters all match its properties (or a parameterless one)";
            return null;
        }

        var fields = new List<RecordFieldModel>();
        foreach (var property in properties)
        {
            var index = -1;
            for (var i = 0; i < constructor.Parameters.Length; i++)
            {
                if (Matches(property, constructor.Parameters[i]))
                {
                    index = i;
                    break;
                }
            }
            if (index < 0 && (property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public))
            {
                // Computed (get-only, not a constructor parameter): derived from the others, so not sent.
                continue;
            }

            var mapped = Map(property.Type, out var inner);
            if (mapped is null)
            {
                problem = $"property '{type.Name}.{property.Name}': {inner}";
                return null;
            }

            fields.Add(new RecordFieldModel(property.Name, ErlangNames.AtomFor(property, property.Name), mapped, index));
        }

        if (fields.Count == 0)
        {
            problem = $"'{type.Name}' has no property that a constructor parameter or a public setter could fill when decoding";
            return null;
        }

        return fields;
    }

    private static bool Matches(IPropertySymbol property, IParameterSymbol parameter) =>
        string.Equals(property.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
        && SymbolEqualityComparer.Default.Equals(property.Type.WithNullableAnnotation(NullableAnnotation.None), parameter.Type.WithNullableAnnotation(NullableAnnotation.None));
}
