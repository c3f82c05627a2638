// Negative: a retry helper class (not a GenServer) that sleeps; the server casts to an external client built on it.
using System.Threading;
using Arbor;

namespace Corpus.Blocking.N08;

public sealed class LegacyClient
{
    public bool Send(string text)
    {
        Thread.Sleep(10);
        return text.Length > 0;
    }
}

[GenServer]
public partial class Outbox
{
    private int _queued;

    [Cast] public void Queue(string text) => _queued++;
    [Call] public int Queued() => _queued;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Outbox.ChildSpec() };
}
