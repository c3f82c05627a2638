// Negative: a user type named StartAsync on a non-GenServer class is not a GenServer start.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.N05;

[GenServer]
public partial class Engine
{
    [Call] public int Rpm() => 900;
}

public static class Car
{
    public static Task StartAsync(ArborNode node) => Task.CompletedTask;

    public static ChildSpec[] Children() => new[] { Engine.ChildSpec() };

    public static async Task Drive(ArborNode node) => await StartAsync(node);
}
