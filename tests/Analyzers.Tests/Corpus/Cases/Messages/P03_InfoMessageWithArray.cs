// Positive: an info message record that carries an array (its elements can be replaced by the sender).
using Arbor;

namespace Corpus.Messages.P03;

public sealed record Batch(int Id, byte[] Payload);

[GenServer]
public partial class Ingest
{
    private long _bytes;

    [Info] public void On(Batch batch) => _bytes += batch.Payload.Length; //~ ARB1004
    [Call] public long Bytes() => _bytes;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Ingest.ChildSpec() };
}
