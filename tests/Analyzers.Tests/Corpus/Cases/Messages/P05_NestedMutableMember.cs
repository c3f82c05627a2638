// Positive: an immutable-looking record whose member is a mutable dictionary.
using System.Collections.Generic;
using Arbor;

namespace Corpus.Messages.P05;

public sealed record Headers(string Path, Dictionary<string, string> Values);

[GenServer]
public partial class Router
{
    private int _routed;

    [Cast] public void Route(Headers headers) => _routed++; //~ ARB1004
    [Call] public int Routed() => _routed;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Router.ChildSpec() };
}
