// Negative: a catch-all at the top of the program (not inside a process) that reports start failures.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.CatchAll.N07;

[GenServer]
public partial class Greeter
{
    [Call] public string Greet(string name) => $"hello {name}";
}

public static class Program
{
    public static async Task<int> Main()
    {
        try
        {
            await using var node = await ArborNode.StartAsync();
            await node.StartSupervisorAsync(Strategy.OneForOne, 3, TimeSpan.FromSeconds(5), Greeter.ChildSpec(name: "greeter"));
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"could not start: {e}");
            return 1;
        }
    }
}
