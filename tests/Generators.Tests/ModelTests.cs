using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Arbor.Generators.Model;
using Arbor.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Arbor.Generators.Tests;

/// <summary>
/// The parser's output is what the incremental pipeline caches and compares. It must hold plain values only: a symbol,
/// syntax node, location or compilation in it would keep old compilations alive and make every run look changed.
/// </summary>
public sealed class ModelTests
{
    private static readonly Type[] s_forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(AttributeData),
    };

    [Fact]
    public void Model_types_hold_only_plain_equatable_values()
    {
        var seen = new HashSet<Type>();
        WalkType(typeof(ParseResult), seen);

        Assert.Contains(typeof(GenServerModel), seen);
        Assert.Contains(typeof(RequestHandlerModel), seen);
        Assert.Contains(typeof(DiagnosticInfo), seen);
        Assert.All(seen.Where(type => type.Namespace == typeof(GenServerModel).Namespace && !type.IsEnum), type =>
            Assert.True(type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)), type + " is not equatable"));
    }

    [Fact]
    public void Values_the_pipeline_holds_contain_no_symbols_or_syntax()
    {
        var run = Generate.From(SnapshotSource, GenericSource, "[Arbor.GenServer] public partial class Bad { [Arbor.Cast] public int Wrong() => 1; }");
        var values = run.TrackedOutputs(GenServerGenerator.TrackingNames.Parse).ToList();

        Assert.Equal(3, values.Count);
        foreach (var value in values)
        {
            WalkValue(value, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    [Theory]
    [InlineData(SnapshotSource)]
    [InlineData(GenericSource)]
    public void Parsing_the_same_source_twice_gives_equal_models(string source)
    {
        var first = Generate.From(source).TrackedOutputs(GenServerGenerator.TrackingNames.Parse).Single();
        var second = Generate.From(source).TrackedOutputs(GenServerGenerator.TrackingNames.Parse).Single();

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private const string GenericSource = """
        using System;
        using System.Collections.Generic;
        using Arbor;

        public partial class Outer<TOuter>
        {
            [GenServer]
            public partial class Store<TKey, TValue>
                where TKey : notnull, IComparable<TKey>
                where TValue : class?, new()
            {
                [Call] public TValue? Get(TKey key) => null;
                [Cast] public void Put(TKey key, TValue value, TOuter? tag = default) { }
                [Info] public void On(KeyValuePair<TKey, TValue> entry) { }
            }
        }
        """;

    private const string SnapshotSource = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Arbor;

        [GenServer]
        public partial class Store
        {
            public Store(Dictionary<string, int> seed) { }
            [Call] public int? Get(string key) => null;
            [Call] public void Later(ReplyTo<List<string>> reply) { }
            [Cast] public ValueTask PutAsync(string key, int value) => default;
            [Info] public void On(string text) { }
            [Continue] public void After(object step) { }
            [Terminate] public void Done(ExitReason reason) { }
        }
        """;

    private static void WalkType(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return;
        }

        Assert.False(s_forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)), type + " is a Roslyn object and must not be in the model");
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TextSpan) || type == typeof(LinePositionSpan))
        {
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            WalkType(underlying, seen);
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            WalkType(type.GetGenericArguments()[0], seen);
            return;
        }

        Assert.True(type.Namespace == typeof(GenServerModel).Namespace, $"{type} is not a model type, a primitive or an EquatableArray");
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            WalkType(field.FieldType, seen);
        }
    }

    private static void WalkValue(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(s_forbidden.Any(forbidden => forbidden.IsInstanceOfType(value)), value.GetType() + " found in the pipeline's values");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                WalkValue(item, seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            WalkValue(field.GetValue(value), seen);
        }
    }
}
