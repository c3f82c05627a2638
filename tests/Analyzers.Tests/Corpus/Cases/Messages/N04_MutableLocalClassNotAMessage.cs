// Negative: a mutable class used only inside the process as state, never as a message.
using System.Collections.Generic;
using Arbor;

namespace Corpus.Messages.N04;

internal sealed class Window
{
    public int Count;
    public List<long> Stamps = new();
}

public sealed record Hit(long At);

[GenServer]
public partial class RateLimiter
{
    private readonly Window _window = new();

    [Cast] public void Record(Hit hit) { _window.Count++; _window.Stamps.Add(hit.At); }
    [Call] public int Count() => _window.Count;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { RateLimiter.ChildSpec() };
}
