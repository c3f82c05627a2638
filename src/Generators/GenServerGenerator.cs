using System;
using System.Linq;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Emitting;
using Arbor.Generators.Model;
using Arbor.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators;

/// <summary>
/// Turns each <c>[GenServer] partial class</c> into a full <c>Arbor.GenServer</c>: message classes, dispatch
/// overrides, a typed client struct and interface, start helpers and a child spec. Parsing produces an equatable model,
/// so edits that do not touch a server leave its output cached; diagnostics travel on their own pipeline.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GenServerGenerator : IIncrementalGenerator
{
    /// <summary>Pipeline step names, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Parse results (model and diagnostics) per [GenServer] class.</summary>
        public const string Parse = "Arbor.Parse";

        /// <summary>The models that have something to emit.</summary>
        public const string Models = "Arbor.Models";

        /// <summary>The diagnostics per class.</summary>
        public const string Diagnostics = "Arbor.Diagnostics";

        /// <summary>Parse results per [GenServerProtocol] interface.</summary>
        public const string ProtocolParse = "Arbor.ProtocolParse";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Arbor.GenServerAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                GenServerParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        // A [GenServerProtocol] interface (the protocol of a server on another node) parses into the same model, with
        // requests and codecs only; both kinds flow through the same emit and diagnostic steps.
        var protocols = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                GenServerProtocolParser.AttributeName,
                static (node, _) => node is InterfaceDeclarationSyntax,
                GenServerProtocolParser.Parse)
            .WithTrackingName(TrackingNames.ProtocolParse);
        Register(context, parsed);
        Register(context, protocols);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ParseResult> parsed)
    {
        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static found => found.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(models, static (output, model) =>
        {
            try
            {
                output.AddSource(model.HintName, GenServerEmitter.Emit(model));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // As in parsing: never throw into the compiler; say what failed instead.
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, model.Name, exception.GetType().Name + ": " + exception.Message));
            }
        });
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (var diagnostic in found)
            {
                if (DiagnosticDescriptors.Find(diagnostic.DescriptorId) is { } descriptor)
                {
                    output.ReportDiagnostic(Diagnostic.Create(descriptor, diagnostic.Location?.ToLocation(), diagnostic.MessageArguments.Cast<object>().ToArray()));
                }
            }
        });
    }
}
