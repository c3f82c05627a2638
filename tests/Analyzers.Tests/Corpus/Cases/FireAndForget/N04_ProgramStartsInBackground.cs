// Negative: fire-and-forget at program level (outside every process) is not this rule's business.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.N04;

[GenServer]
public partial class Echo
{
    [Call] public string Say(string text) => text;
}

public static class Program
{
    public static void Boot(ArborNode node)
    {
        _ = node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), Echo.ChildSpec(name: "echo"));
        Task.Delay(100).ContinueWith(_ => Console.WriteLine("booted"));
    }
}
