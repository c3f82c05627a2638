using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Names for the parameters a generated method adds to the user's own (<c>node</c>, <c>name</c>, <c>id</c>,
/// <c>restart</c>, <c>shutdown</c>, <c>significant</c> on the start helpers; <c>timeout</c>, <c>cancellationToken</c>
/// on a client call). The user's parameters always keep their names: natural names such as <c>name</c> or <c>id</c> are
/// the user's to use. Only when one is taken does the generated parameter give way, prefixed with <c>arbor</c>
/// (<c>arborName</c>), and numbered in the unlikely case that is taken too.
/// </summary>
internal sealed class GeneratedParameterNames
{
    private readonly HashSet<string> _taken;

    public GeneratedParameterNames(IEnumerable<ParameterModel> userParameters)
    {
        _taken = new HashSet<string>(userParameters.Select(GenServerEmitter.DocName), System.StringComparer.Ordinal);
    }

    /// <summary><paramref name="preferred"/> unless a user parameter (or an earlier pick) has it; then the prefixed form.</summary>
    public string Pick(string preferred)
    {
        var candidate = preferred;
        if (_taken.Contains(candidate))
        {
            var prefixed = "arbor" + char.ToUpperInvariant(preferred[0]) + preferred.Substring(1);
            candidate = prefixed;
            for (var number = 2; _taken.Contains(candidate); number++)
            {
                candidate = prefixed + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        _taken.Add(candidate);
        return candidate;
    }
}
