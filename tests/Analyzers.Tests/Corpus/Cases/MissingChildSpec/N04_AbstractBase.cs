// Negative: an abstract base GenServer is never started itself; its concrete subclass is supervised.
using Arbor;

namespace Corpus.MissingChildSpec.N04;

public abstract class Repository : GenServer
{
    protected int Rows;
}

public sealed class UserRepository : Repository
{
    public static ChildSpec Spec() => new("users", ctx => GenServer.StartAsync(ctx.Node, () => new UserRepository(), new StartOptions { Link = true }));
}
