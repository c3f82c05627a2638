using Microsoft.CodeAnalysis;

namespace Arbor.RoslynTesting.Analysis;

/// <summary>
/// A diagnostic a test expects, pointing at a numbered markup location (<c>{|#n:...|}</c>). Diagnostics marked directly
/// with <c>[|...|]</c> or <c>{|ID:...|}</c> need no object of this type.
/// </summary>
public sealed record ExpectedDiagnostic
{
    /// <summary>Expects diagnostic <paramref name="id"/>.</summary>
    public ExpectedDiagnostic(string id) => Id = id;

    /// <summary>The diagnostic id.</summary>
    public string Id { get; }

    /// <summary>The <c>{|#n:...|}</c> location it must have.</summary>
    public int? LocationIndex { get; init; }

    /// <summary>The exact message, or null to not check it.</summary>
    public string? Message { get; init; }

    /// <summary>The effective severity, or null for the descriptor's default.</summary>
    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>Shorthand: <c>Expect("ARB1001").At(0).WithMessage("...")</c>.</summary>
    public ExpectedDiagnostic At(int locationIndex) => this with { LocationIndex = locationIndex };

    /// <summary>Sets the expected message.</summary>
    public ExpectedDiagnostic WithMessage(string message) => this with { Message = message };

    /// <summary>Sets the expected severity.</summary>
    public ExpectedDiagnostic WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };
}
