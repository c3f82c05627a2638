using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>Checks one handler method's signature and turns it into a draft; reports what is wrong instead.</summary>
internal sealed class HandlerParser
{
    private static readonly HashSet<string> s_reservedFieldNames = new()
    {
        "IsCompleted", "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize",
    };

    private readonly INamedTypeSymbol _genServer;
    private readonly KnownTypes _known;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;

    public HandlerParser(INamedTypeSymbol genServer, KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _genServer = genServer;
        _known = known;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public RequestDraft? ParseRequest(IMethodSymbol method, RequestKind kind, string? explicitName, LocationInfo? attributeLocation)
    {
        var where = new DeclarationLocations(method, _cancellationToken);
        if (!CheckCommon(method, where))
        {
            return null;
        }

        var ok = true;
        var baseName = StripAsync(explicitName ?? method.Name);
        if (explicitName is not null && !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(explicitName))
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, attributeLocation ?? where.Name, method.Name, $"Name = \"{explicitName}\" is not a valid C# identifier");
            return null;
        }

        var returns = ReturnShapes.Classify(method, _known, out var returnedValue);
        var parameters = new List<ParameterModel>();
        var signature = new List<string>();
        ITypeSymbol? replyType = null;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var name = TypeNames.Identifier(parameter.Name);
            if (KnownTypes.Is(parameter.Type, _known.ReplyTo) && parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } replyTo)
            {
                if (kind == RequestKind.Cast)
                {
                    Report(DiagnosticDescriptors.InvalidHandlerSignature, where.Parameter(i), method.Name, "a [Cast] has no caller waiting for a reply, so it cannot take a ReplyTo<T>");
                    ok = false;
                }
                else if (replyType is not null)
                {
                    Report(DiagnosticDescriptors.InvalidHandlerSignature, where.Parameter(i), method.Name, "it takes more than one ReplyTo<T>; a call has one reply");
                    ok = false;
                }

                replyType = replyTo.TypeArguments[0];
                parameters.Add(new ParameterModel(name, TypeNames.Qualified(parameter.Type), name, ParameterRole.ReplyTo));
                continue;
            }

            if (KnownTypes.Is(parameter.Type, _known.CancellationToken))
            {
                parameters.Add(new ParameterModel(name, TypeNames.Qualified(parameter.Type), name, ParameterRole.CancellationToken));
                continue;
            }

            ok &= CheckExposed(parameter.Type, name => where.ParameterTypeNamed(i, name), method.Name);
            var field = s_reservedFieldNames.Contains(parameter.Name) || parameter.Name == baseName + kind ? "Arg" + i : name;
            parameters.Add(new ParameterModel(name, TypeNames.Qualified(parameter.Type), field, ParameterRole.Message, DefaultValues.Of(parameter)));
            signature.Add(TypeNames.SignatureKey(parameter.Type));
        }

        ITypeSymbol? resultType = null;
        if (kind == RequestKind.Call)
        {
            if (replyType is not null)
            {
                if (ReturnShapes.ProducesValue(returns))
                {
                    Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ReturnType, method.Name, "it takes a ReplyTo<T> and also returns a value; either return the reply, or reply through the ReplyTo<T> and return void, ValueTask or Task");
                    ok = false;
                }

                resultType = replyType;
            }
            else if (!ReturnShapes.ProducesValue(returns))
            {
                Report(DiagnosticDescriptors.CallWithoutReply, where.ReturnType, method.Name, ReturnShapes.Describe(returns));
                ok = false;
            }
            else
            {
                resultType = returnedValue;
                if (resultType is not null && MayBeRefStruct(resultType))
                {
                    Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ReturnType, method.Name, "it returns a ref struct (or a type parameter that allows one), which cannot be stored in a reply");
                    ok = false;
                }
                else if (resultType is not null)
                {
                    ok &= CheckExposed(resultType, where.ReturnTypeNamed, method.Name);
                }
            }
        }
        else if (ReturnShapes.ProducesValue(returns))
        {
            Report(DiagnosticDescriptors.HandlerReturnsValue, where.ReturnType, "Cast", method.Name, TypeNames.Short(method.ReturnType));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        return new RequestDraft(
            kind,
            method,
            baseName,
            parameters,
            string.Join(", ", signature),
            resultType is null ? null : TypeNames.Qualified(resultType),
            returns,
            where.Name);
    }

    /// <summary>An [Info] or [Continue] handler: one parameter, whose type selects the messages it gets.</summary>
    public MessageHandlerDraft? ParseMessageHandler(IMethodSymbol method, string attributeName)
    {
        var where = new DeclarationLocations(method, _cancellationToken);
        if (!CheckCommon(method, where))
        {
            return null;
        }

        if (method.Parameters.Length != 1
            || KnownTypes.Is(method.Parameters[0].Type, _known.ReplyTo)
            || KnownTypes.Is(method.Parameters[0].Type, _known.CancellationToken))
        {
            var what = attributeName == "Info" ? "the message" : "the argument passed to Continue";
            Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ParameterList, method.Name, $"an [{attributeName}] handler takes exactly one parameter, {what}; its type selects which ones it receives");
            return null;
        }

        var returns = ReturnShapes.Classify(method, _known, out _);
        if (ReturnShapes.ProducesValue(returns))
        {
            Report(DiagnosticDescriptors.HandlerReturnsValue, where.ReturnType, attributeName, method.Name, TypeNames.Short(method.ReturnType));
            return null;
        }

        var messageType = method.Parameters[0].Type;
        if (messageType.TypeKind is TypeKind.Error or TypeKind.Dynamic)
        {
            return null;
        }

        return new MessageHandlerDraft(method, messageType, returns, where.Name);
    }

    public TerminateModel? ParseTerminate(IMethodSymbol method)
    {
        var where = new DeclarationLocations(method, _cancellationToken);
        if (!CheckCommon(method, where))
        {
            return null;
        }

        var takesReason = method.Parameters.Length == 1 && KnownTypes.Is(method.Parameters[0].Type, _known.ExitReason);
        if (method.Parameters.Length > 1 || (method.Parameters.Length == 1 && !takesReason))
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ParameterList, method.Name, "a [Terminate] hook takes no parameters or one ExitReason");
            return null;
        }

        var returns = ReturnShapes.Classify(method, _known, out _);
        if (ReturnShapes.ProducesValue(returns))
        {
            Report(DiagnosticDescriptors.HandlerReturnsValue, where.ReturnType, "Terminate", method.Name, TypeNames.Short(method.ReturnType));
            return null;
        }

        return new TerminateModel(TypeNames.Identifier(method.Name), takesReason, returns);
    }

    /// <summary>Checks what every handler kind shares: not generic, not async void, by-value parameters.</summary>
    private bool CheckCommon(IMethodSymbol method, DeclarationLocations where)
    {
        if (method.IsAsync && method.ReturnsVoid)
        {
            Report(DiagnosticDescriptors.AsyncVoidHandler, where.AsyncKeyword, method.Name);
            return false;
        }

        var ok = true;
        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, where.TypeParameters, method.Name, "generic handler methods are not supported; the message type must be known when the server is compiled");
            ok = false;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ReturnType, method.Name, "it returns by reference; a reply is copied to another process");
            ok = false;
        }

        return CheckParameters(method, where) && ok;
    }

    /// <summary>Parameters travel inside a message object to another process: no by-reference passing, pointers or ref structs.</summary>
    public bool CheckParameters(IMethodSymbol method, DeclarationLocations where)
    {
        var ok = true;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var problem = parameter.RefKind switch
            {
                RefKind.Ref => "passed by ref",
                RefKind.Out => "an out parameter",
                RefKind.In => "an in parameter",
                RefKind.RefReadOnlyParameter => "a ref readonly parameter",
                _ => parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer ? "a pointer"
                    : MayBeRefStruct(parameter.Type) ? "a ref struct (or a type parameter that allows one), which cannot be stored in a message" : null,
            };

            if (problem is not null)
            {
                Report(DiagnosticDescriptors.ByRefParameter, where.Parameter(i), parameter.Name, method.MethodKind == MethodKind.Constructor ? _genServer.Name + " constructor" : method.Name, problem);
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Reports a signature type the generated public surface could not expose.</summary>
    /// <param name="type">The signature type.</param>
    /// <param name="locate">Finds where the offending type's name is written inside the signature type.</param>
    /// <param name="member">The handler or constructor, for the message.</param>
    public bool CheckExposed(ITypeSymbol type, System.Func<string, LocationInfo?> locate, string member)
    {
        if (AccessibilityCheck.FindLessAccessible(type, _genServer) is not { } hidden)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InaccessibleSignatureType, locate(hidden.Name), member, TypeNames.Short(hidden), _genServer.Name);
        return false;
    }

    /// <summary>A type no class field can hold: a ref struct, or a type parameter declared <c>allows ref struct</c>.</summary>
    private static bool MayBeRefStruct(ITypeSymbol type) =>
        type.IsRefLikeType || type is ITypeParameterSymbol { AllowsRefLikeType: true };

    private static string StripAsync(string name) =>
        name.Length > 5 && name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
