// Positive: a GenServer only ever started stand-alone by a test-like helper and never supervised.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.MissingChildSpec.P02;

[GenServer]
public partial class Scratch //~ ARB1008
{
    [Call] public int Answer() => 42;
}

public static class Demo
{
    public static async Task<int> Run(ArborNode node)
    {
        var scratch = await Scratch.StartAsync(node); //~ ARB1007
        return await scratch.AnswerAsync();
    }
}
