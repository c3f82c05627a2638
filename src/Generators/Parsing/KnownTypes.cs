using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing;

/// <summary>The Arbor and BCL types the parser recognises, looked up once per GenServer by metadata name.</summary>
internal sealed class KnownTypes
{
    private KnownTypes(Compilation compilation, INamedTypeSymbol genServer)
    {
        GenServer = genServer;
        CallAttribute = compilation.GetTypeByMetadataName("Arbor.CallAttribute");
        CastAttribute = compilation.GetTypeByMetadataName("Arbor.CastAttribute");
        InfoAttribute = compilation.GetTypeByMetadataName("Arbor.InfoAttribute");
        ContinueAttribute = compilation.GetTypeByMetadataName("Arbor.ContinueAttribute");
        TerminateAttribute = compilation.GetTypeByMetadataName("Arbor.TerminateAttribute");
        ReplyTo = compilation.GetTypeByMetadataName("Arbor.ReplyTo`1");
        ExitReason = compilation.GetTypeByMetadataName("Arbor.ExitReason");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    }

    public INamedTypeSymbol GenServer { get; }

    public INamedTypeSymbol? CallAttribute { get; }

    public INamedTypeSymbol? CastAttribute { get; }

    public INamedTypeSymbol? InfoAttribute { get; }

    public INamedTypeSymbol? ContinueAttribute { get; }

    public INamedTypeSymbol? TerminateAttribute { get; }

    public INamedTypeSymbol? ReplyTo { get; }

    public INamedTypeSymbol? ExitReason { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    /// <summary>Null when Arbor.dll is not referenced (then there is nothing to generate against).</summary>
    public static KnownTypes? Find(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Arbor.GenServer") is { } genServer ? new KnownTypes(compilation, genServer) : null;

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
}
