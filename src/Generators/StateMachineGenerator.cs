using System;
using System.Linq;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Emitting;
using Arbor.Generators.Parsing.StateMachines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Arbor.Generators;

/// <summary>
/// Turns each <c>[StateMachine] partial class</c> (deriving from <c>StateMachine&lt;TState&gt;</c>) into a working
/// gen_statem: the dispatch by state and event, the messages and typed client of its calls and casts, start helpers, a
/// child spec and a Mermaid diagram; and reports events some state does not account for, enter handlers that change
/// state and states with no way in. Same shape as <see cref="GenServerGenerator"/>: equatable model, separate diagnostics.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateMachineGenerator : IIncrementalGenerator
{
    /// <summary>Pipeline step names, for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Parse results (model and diagnostics) per [StateMachine] class.</summary>
        public const string Parse = "Arbor.StateMachine.Parse";

        /// <summary>The models that have something to emit.</summary>
        public const string Models = "Arbor.StateMachine.Models";

        /// <summary>The diagnostics per class.</summary>
        public const string Diagnostics = "Arbor.StateMachine.Diagnostics";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                StateMachineParser.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                StateMachineParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

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
                output.AddSource(model.Shell.HintName, StateMachineEmitter.Emit(model));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, model.Shell.Name, exception.GetType().Name + ": " + exception.Message));
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
