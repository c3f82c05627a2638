using System.Linq;
using System.Text;
using Arbor.RoslynTesting.Generators;
using Microsoft.CodeAnalysis;

namespace Arbor.GeneratorCost;

/// <summary>A synthetic user project: one file per GenServer, each with a mix of the handler shapes users write.</summary>
internal static class LargeProject
{
    public const int HandlersPerServer = 10;

    public static Compilation Create(int servers) =>
        SourceCompilation.Create("LargeProject", Enumerable.Range(0, servers).Select(Server).ToArray());

    /// <summary>Server <paramref name="index"/>: 4 calls (sync, async, deferred, overload), 3 casts, 2 infos, 1 terminate.</summary>
    public static string Server(int index)
    {
        var source = new StringBuilder();
        source.Append($$"""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Arbor;

            namespace Large.Area{{index % 20}};

            public sealed record Tick{{index}}(int Amount);

            [GenServer]
            public partial class Server{{index}}
            {
                private readonly Dictionary<string, int> _values = new();
                private int _count;

                public Server{{index}}(int start, string? label) => _count = start;

                [Call] public int Get() => _count;
                [Call] public int Add(int by) => _count += by;
                [Call] public int Add(int a, int b) => _count += a + b;
                [Call] public async ValueTask<IReadOnlyList<string>> KeysAsync() { await Task.Yield(); return new List<string>(_values.Keys); }
                [Cast] public void Put(string key, int value) => _values[key] = value;
                [Cast] public void Reset() => _count = 0;
                [Cast] public ValueTask ForgetAsync(string key) { _values.Remove(key); return default; }
                [Info] public void On(Tick{{index}} tick) => _count += tick.Amount;
                [Info] public void On(Down down) { }
                [Terminate] public void Cleanup(ExitReason reason) { }
            }
            """);
        return source.ToString();
    }
}
