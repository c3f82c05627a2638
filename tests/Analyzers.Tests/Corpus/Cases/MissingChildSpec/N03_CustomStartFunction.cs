// Negative: a hand-written ChildSpec whose start function creates the server.
using Arbor;

namespace Corpus.MissingChildSpec.N03;

[GenServer]
public partial class Metrics
{
    [Cast] public void Inc(string name) { }
}

public static class Specs
{
    public static ChildSpec Metrics() => new("metrics", ctx => GenServer.StartAsync(ctx.Node, () => new Metrics(), new StartOptions { Link = true }));
}
