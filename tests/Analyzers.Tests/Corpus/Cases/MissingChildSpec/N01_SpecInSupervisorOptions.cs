// Negative: both servers appear in supervisor options (one nested in a sub-supervisor).
using System;
using Arbor;

namespace Corpus.MissingChildSpec.N01;

[GenServer]
public partial class Api
{
    [Call] public string Version() => "1.0";
}

[GenServer]
public partial class Db
{
    [Call] public int Connections() => 4;
}

public static class Tree
{
    public static SupervisorOptions Root() => new()
    {
        Strategy = Strategy.RestForOne,
        Children = new[]
        {
            Db.ChildSpec(),
            Supervisor.ChildSpec("api-sup", new SupervisorOptions { Strategy = Strategy.OneForOne, Children = new[] { Api.ChildSpec() } }),
        },
    };
}
