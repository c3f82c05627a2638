using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators.Parsing;

/// <summary>
/// Turns a <c>[GenServer]</c> class into a <see cref="GenServerModel"/> plus diagnostics. All symbol and syntax work
/// happens here; nothing it returns refers to a symbol, syntax node or compilation.
/// </summary>
internal static class GenServerParser
{
    private static readonly HashSet<string> s_clientMembers = new() { "Pid", "FromPid", "Equals", "GetHashCode", "ToString", "GetType" };

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (!IsPrimaryDeclaration(type, declaration, cancellationToken))
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        return Guarded(type, declaration.Identifier, diagnostics, () => ParseCore(type, declaration, context.SemanticModel, diagnostics, cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="parse"/> for <paramref name="type"/>: the generator must never throw into the compiler, so an
    /// unexpected failure becomes a diagnostic that says so (shared with <see cref="GenServerProtocolParser"/>).
    /// </summary>
    internal static ParseResult Guarded(INamedTypeSymbol type, SyntaxToken identifier, List<DiagnosticInfo> diagnostics, Func<GenServerModel?> parse)
    {
        try
        {
            var model = parse();
            return new ParseResult(model, EquatableArray.From(diagnostics));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, LocationInfo.From(identifier), type.Name, exception.GetType().Name + ": " + exception.Message));
            return new ParseResult(null, EquatableArray.From(diagnostics));
        }
    }

    /// <summary>
    /// [GenServer] repeated on several partial declarations is a compiler error already (the attribute is not
    /// AllowMultiple); generating once, from the first, avoids duplicate output on top of it.
    /// </summary>
    private static bool IsPrimaryDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length < 2)
        {
            return true;
        }

        var first = type.GetAttributes()
            .Where(attribute => attribute.AttributeClass?.ToDisplayString() == "Arbor.GenServerAttribute")
            .Select(attribute => attribute.ApplicationSyntaxReference)
            .Where(reference => reference is not null)
            .OrderBy(reference => reference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(reference => reference!.Span.Start)
            .FirstOrDefault();
        return first is null
            || (first.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(first.Span));
    }

    private static GenServerModel? ParseCore(INamedTypeSymbol type, TypeDeclarationSyntax declaration, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var known = KnownTypes.Find(semanticModel.Compilation);
        if (known is null)
        {
            return null;
        }

        // Every check runs, whatever failed before it, so a class's diagnostics all show at once instead of one at a
        // time; nothing is generated when the class or its constructor is unusable.
        var classOk = CheckClass(type, declaration, semanticModel, known, diagnostics, cancellationToken);
        var handlers = new HandlerParser(type, known, diagnostics, cancellationToken);
        var initParameters = ParseInit(type, handlers, diagnostics, cancellationToken);

        var serverDirty = type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == "Arbor.GenServerAttribute" && IsDirty(attribute));
        var requests = new List<RequestDraft>();
        var infos = new List<MessageHandlerDraft>();
        var continues = new List<MessageHandlerDraft>();
        TerminateModel? terminate = null;
        string? terminateName = null;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            var marks = HandlerAttributes(method, known);
            if (marks.Count == 0)
            {
                continue;
            }

            if (method.MethodKind != MethodKind.Ordinary)
            {
                // The dispatch calls handlers by name; accessors, operators, constructors and explicit interface
                // implementations cannot be called that way.
                var location = LocationInfo.From(marks[0].Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? LocationInfo.From(method.Locations.FirstOrDefault());
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHandlerSignature, location, method.Name, $"only ordinary methods can be handlers, and this is {Describe(method.MethodKind)}"));
                continue;
            }

            if (marks.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleHandlerAttributes, LocationInfo.From(marks[1].Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)), method.Name, marks[0].Kind, marks[1].Kind));
                continue;
            }

            var (kind, attribute) = marks[0];
            switch (kind)
            {
                case "Call":
                case "Cast":
                    var explicitName = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == "Name").Value.Value as string;
                    var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
                    if (handlers.ParseRequest(method, kind == "Call" ? RequestKind.Call : RequestKind.Cast, explicitName, attributeLocation) is { } request)
                    {
                        request.Dirty = serverDirty || IsDirty(attribute);
                        requests.Add(request);
                    }

                    break;
                case "Info":
                    AddMessageHandler(infos, WithDirty(handlers.ParseMessageHandler(method, kind), serverDirty || IsDirty(attribute)), "Info", diagnostics);
                    break;
                case "Continue":
                    AddMessageHandler(continues, WithDirty(handlers.ParseMessageHandler(method, kind), serverDirty || IsDirty(attribute)), "Continue", diagnostics);
                    break;
                default:
                    if (handlers.ParseTerminate(method) is { } hook)
                    {
                        if (terminate is null)
                        {
                            terminate = hook;
                            terminateName = method.Name;
                        }
                        else
                        {
                            var where = new DeclarationLocations(method, cancellationToken);
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousMessage, where.Name, method.Name, $"'{terminateName}' is already the [Terminate] hook, and a server has one"));
                        }
                    }

                    break;
            }
        }

        var named = new List<(RequestDraft Draft, RequestHandlerModel Model)>();
        var requestModels = NameRequests(type, requests, diagnostics, named);
        var remote = RemoteProtocolParser.IsRemote(type) ? RemoteProtocolParser.Parse(named, diagnostics, cancellationToken) : null;
        if (!classOk || initParameters is null)
        {
            return null;
        }

        var compilation = semanticModel.Compilation;
        return new GenServerModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes(type),
            type.Name,
            TypeParameterClauses.Names(type),
            TypeParameterClauses.Constraints(type),
            AccessibilityKeyword(type.DeclaredAccessibility),
            type.IsSealed,
            HintName(type),
            initParameters.Value,
            requestModels,
            new EquatableArray<MessageHandlerModel>(MessageTypeOrdering.MostSpecificFirst(infos, compilation).Select(info => info.ToModel()).ToArray()),
            new EquatableArray<MessageHandlerModel>(MessageTypeOrdering.MostSpecificFirst(continues, compilation).Select(handler => handler.ToModel()).ToArray()),
            terminate,
            remote);
    }

    /// <summary>Class-level rules; any failure means nothing is generated (it could only produce follow-on errors), though the members are still checked.</summary>
    private static bool CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, SemanticModel semanticModel, KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var ok = PartialDeclarations.Check(type, declaration, "the class (its base class, dispatch and start methods)", "GenServer", diagnostics);

        var kindProblem = type.IsStatic ? (SyntaxKind.StaticKeyword, "static")
            : type.IsAbstract ? (SyntaxKind.AbstractKeyword, "abstract")
            : type.IsRecord ? (SyntaxKind.RecordKeyword, "a record")
            : default((SyntaxKind, string)?);
        if (kindProblem is { } problem)
        {
            var token = declaration.Modifiers.FirstOrDefault(modifier => modifier.IsKind(problem.Item1));
            var location = token.IsKind(problem.Item1) ? LocationInfo.From(token)
                : declaration is RecordDeclarationSyntax record ? LocationInfo.From(record.Keyword)
                : LocationInfo.From(declaration.Identifier);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidClassKind, location, type.Name, problem.Item2));
            ok = false;
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !SymbolEqualityComparer.Default.Equals(baseType, known.GenServer))
        {
            var baseSyntax = declaration.BaseList?.Types.FirstOrDefault(candidate =>
                SymbolEqualityComparer.Default.Equals(semanticModel.GetTypeInfo(candidate.Type, cancellationToken).Type, baseType));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseClassDeclared, LocationInfo.From(baseSyntax) ?? LocationInfo.From(declaration.Identifier), type.Name, TypeNames.Short(baseType)));
            ok = false;
        }

        return ok;
    }

    /// <summary>The constructor is the init callback; its parameters become the start arguments. Null when they cannot be.</summary>
    internal static EquatableArray<ParameterModel>? ParseInit(INamedTypeSymbol type, HandlerParser handlers, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var constructors = type.InstanceConstructors.Where(constructor => !constructor.IsImplicitlyDeclared).ToList();
        for (var i = 1; i < constructors.Count; i++)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousInitConstructor, new DeclarationLocations(constructors[i], cancellationToken).Name, type.Name));
        }

        if (constructors.Count == 0)
        {
            return EquatableArray<ParameterModel>.Empty;
        }

        var init = constructors[0];
        var where = new DeclarationLocations(init, cancellationToken);
        var ok = handlers.CheckParameters(init, where);
        var parameters = new List<ParameterModel>();
        for (var i = 0; i < init.Parameters.Length; i++)
        {
            var parameter = init.Parameters[i];
            var index = i;
            ok &= handlers.CheckExposed(parameter.Type, name => where.ParameterTypeNamed(index, name), type.Name + " constructor");
            var name = TypeNames.Identifier(parameter.Name);
            parameters.Add(new ParameterModel(name, TypeNames.Qualified(parameter.Type), name, ParameterRole.Message, DefaultValues.Of(parameter)));
        }

        return ok ? EquatableArray.From(parameters) : null;
    }

    /// <summary>Assigns unique message class names and reports client methods that would collide.</summary>
    internal static EquatableArray<RequestHandlerModel> NameRequests(INamedTypeSymbol type, List<RequestDraft> drafts, List<DiagnosticInfo> diagnostics, List<(RequestDraft Draft, RequestHandlerModel Model)>? named = null)
    {
        var signatures = new Dictionary<string, RequestDraft>(StringComparer.Ordinal);
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<RequestHandlerModel>();
        foreach (var draft in drafts)
        {
            if (s_clientMembers.Contains(draft.ClientName))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousMessage, draft.Location, draft.Method.Name, $"its client method would be named '{draft.ClientName}', which every client already has; choose another with Name = \"...\""));
                continue;
            }

            var key = draft.ClientName + "(" + draft.SignatureKey + ")";
            if (signatures.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousMessage, draft.Location, draft.Method.Name, $"its client method {key} is the same as the one for '{first.Method.Name}'; give one of them a different Name = \"...\""));
                continue;
            }

            signatures.Add(key, draft);
            var className = draft.BaseName + draft.Kind;
            for (var suffix = 2; !classNames.Add(className); suffix++)
            {
                className = draft.BaseName + draft.Kind + "_" + suffix;
            }

            var model = new RequestHandlerModel(
                draft.Kind,
                TypeNames.Identifier(draft.Method.Name),
                draft.ClientName,
                className,
                type.Name + "." + draft.BaseName,
                EquatableArray.From(draft.Parameters),
                draft.ResultType,
                draft.Returns,
                ObsoleteAttributes.For(draft.Method),
                draft.Dirty);
            models.Add(model);
            named?.Add((draft, model));
        }

        return EquatableArray.From(models);
    }

    /// <summary>True when the attribute sets <c>Dirty = true</c> (the handler, or the whole server, runs on the dirty schedulers).</summary>
    internal static bool IsDirty(AttributeData attribute) =>
        attribute.NamedArguments.Any(argument => argument.Key == "Dirty" && argument.Value.Value is true);

    private static MessageHandlerDraft? WithDirty(MessageHandlerDraft? handler, bool dirty)
    {
        if (handler is not null)
        {
            handler.Dirty = dirty;
        }

        return handler;
    }

    private static void AddMessageHandler(List<MessageHandlerDraft> handlers, MessageHandlerDraft? handler, string attributeName, List<DiagnosticInfo> diagnostics)
    {
        if (handler is null)
        {
            return;
        }

        var duplicate = handlers.FirstOrDefault(existing => SymbolEqualityComparer.Default.Equals(
            existing.MessageType.WithNullableAnnotation(NullableAnnotation.NotAnnotated),
            handler.MessageType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
        if (duplicate is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousMessage, handler.Location, handler.Method.Name, $"'{duplicate.Method.Name}' already handles [{attributeName}] messages of type '{TypeNames.Short(handler.MessageType)}'"));
            return;
        }

        handlers.Add(handler);
    }

    private static List<(string Kind, AttributeData Attribute)> HandlerAttributes(IMethodSymbol method, KnownTypes known)
    {
        var marks = new List<(string, AttributeData)>();
        foreach (var attribute in method.GetAttributes())
        {
            var kind = KnownTypes.Is(attribute.AttributeClass, known.CallAttribute) ? "Call"
                : KnownTypes.Is(attribute.AttributeClass, known.CastAttribute) ? "Cast"
                : KnownTypes.Is(attribute.AttributeClass, known.InfoAttribute) ? "Info"
                : KnownTypes.Is(attribute.AttributeClass, known.ContinueAttribute) ? "Continue"
                : KnownTypes.Is(attribute.AttributeClass, known.TerminateAttribute) ? "Terminate"
                : null;
            if (kind is not null)
            {
                marks.Add((kind, attribute));
            }
        }

        return marks;
    }

    private static string Describe(MethodKind kind) => kind switch
    {
        MethodKind.ExplicitInterfaceImplementation => "an explicit interface implementation",
        MethodKind.PropertyGet or MethodKind.PropertySet => "a property accessor",
        MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise => "an event accessor",
        MethodKind.Constructor or MethodKind.StaticConstructor => "a constructor",
        MethodKind.Destructor => "a finalizer",
        MethodKind.UserDefinedOperator or MethodKind.Conversion => "an operator",
        _ => "not an ordinary method",
    };

    internal static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeModel>();
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            var keyword = current.TypeKind switch
            {
                TypeKind.Struct => current.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => current.IsRecord ? "record" : "class",
            };
            chain.Insert(0, new ContainingTypeModel(keyword, TypeNames.Identifier(current.Name), TypeParameterClauses.Names(current)));
        }

        return EquatableArray.From(chain);
    }

    internal static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string> { HintPart(type) };
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            parts.Insert(0, HintPart(current));
        }

        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            parts.Insert(0, ns.ToDisplayString());
        }

        return string.Join(".", parts) + ".g.cs";
    }

    /// <summary>
    /// <c>Cache`2</c> for a generic type, so <c>Cache</c> and <c>Cache&lt;T&gt;</c> in one namespace get a file each. Not
    /// <see cref="ISymbol.MetadataName"/>: a <c>file</c> type's is mangled with characters a hint name cannot hold.
    /// </summary>
    private static string HintPart(INamedTypeSymbol type) =>
        type.Arity > 0 ? type.Name + "`" + type.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture) : type.Name;

    internal static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        Accessibility.Private => "private",
        _ => "internal",
    };
}
