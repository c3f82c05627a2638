// Negative: the static mutable cache lives on a plain helper class, not on the GenServer (a different rule's concern).
using System.Collections.Generic;
using Arbor;

namespace Corpus.StaticState.N04;

internal static class Interning
{
    public static string Intern(string value) => string.Intern(value);
}

[GenServer]
public partial class Tags
{
    private readonly HashSet<string> _tags = new();

    [Cast] public void Add(string tag) => _tags.Add(Interning.Intern(tag));
    [Call] public bool Has(string tag) => _tags.Contains(tag);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Tags.ChildSpec() };
}
