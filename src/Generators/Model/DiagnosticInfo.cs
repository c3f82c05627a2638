using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Model;

/// <summary>A diagnostic to report, held as equatable values (see <see cref="LocationInfo"/> for why not a <see cref="Diagnostic"/>).</summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));
}
