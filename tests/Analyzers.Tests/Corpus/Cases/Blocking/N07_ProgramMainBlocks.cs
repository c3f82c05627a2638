// Negative: blocking in the program's synchronous entry point (outside every process).
using System;
using Arbor;

namespace Corpus.Blocking.N07;

[GenServer]
public partial class Echo
{
    [Call] public string Say(string text) => text;
}

public static class Program
{
    public static void Main()
    {
        var node = ArborNode.StartAsync().AsTask().Result;
        node.StartSupervisorAsync(Strategy.OneForOne, 1, TimeSpan.FromSeconds(1), Echo.ChildSpec(name: "echo")).AsTask().Wait();
        Console.WriteLine(node.Whereis<EchoRef>("echo").SayAsync("hi").AsTask().Result);
    }
}
