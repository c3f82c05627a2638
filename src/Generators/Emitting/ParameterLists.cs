using System.Collections.Generic;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>Declares the caller-supplied parameters of a generated client or start method.</summary>
internal static class ParameterLists
{
    /// <summary>
    /// <c>Type name = default, ...</c>. A default is kept only when every later parameter has one too: dropping
    /// <c>params</c> or a dispatch-supplied parameter can leave an optional parameter before a required one.
    /// </summary>
    public static List<string> Declare(IEnumerable<ParameterModel> parameters)
    {
        var list = new List<ParameterModel>(parameters);
        var declared = new string[list.Count];
        var trailingOptional = true;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var parameter = list[i];
            trailingOptional &= parameter.DefaultValue is not null;
            declared[i] = parameter.Type + " " + parameter.Name + (trailingOptional ? " = " + parameter.DefaultValue : string.Empty);
        }

        return new List<string>(declared);
    }
}
