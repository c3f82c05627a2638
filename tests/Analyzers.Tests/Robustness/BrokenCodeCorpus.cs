using System.Collections.Generic;

namespace Arbor.Analyzers.Tests.Robustness;

/// <summary>Broken and half-typed code as it exists while someone is typing: every analyzer must survive all of it.</summary>
internal static class BrokenCodeCorpus
{
    public static IEnumerable<object[]> Snippets()
    {
        foreach (var snippet in s_snippets)
        {
            yield return new object[] { snippet };
        }
    }

    /// <summary>A file that triggers every rule; its prefixes make the half-typed corpus.</summary>
    public const string EveryRule = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        public class Order { public string Item { get; set; } = ""; }

        [GenServer]
        public partial class Counter
        {
            private static int s_total;
            private readonly List<int> _items = new();
            private int _count;

            public Counter(int start) { try { _count = start; } catch { } }

            [Call] public List<int> Items() => _items;
            [Call] public int Place(Order order) => LoadAsync().Result;
            [Call] public async ValueTask<int> Twice() => await SelfRef.GetAsync() * 2;
            [Cast] public void Spawn() { _ = Task.Run(() => _count++); }
            [Cast] public void Reload() => _count = System.IO.File.ReadAllText("count.txt").Length;
            [Info] public void On(string text) { try { _count = int.Parse(text); } catch (Exception e) when (e is not OperationCanceledException) { } }
            [Terminate] public void Cleanup(ExitReason reason) => Thread.Sleep(1);

            private static Task<int> LoadAsync() => Task.FromResult(1);
        }

        public static class Program
        {
            public static async Task Main(ArborNode node)
            {
                var counter = await Counter.StartAsync(node, 0);
                var raw = await GenServer.StartAsync(node, () => new Counter(1));
            }
        }
        """;

    private static readonly string[] s_snippets =
    {
        "",
        "[GenServer]",
        "[GenServer] public partial class",
        "[GenServer] public partial class Counter { [Call] public int",
        "[GenServer] public partial class Counter { [Call] public int Get( => ; }",
        "[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch",
        "[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch ( { return 0; } } }",
        "[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch (Exception e) when { return 0; } } }",
        "[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch (Missing e) when (e is not) { return 0; } } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { catch { } } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { throw; } }",
        "[GenServer] public partial class Counter { private static int; private static readonly List<> s_x; public static int P { set; } }",
        "[GenServer] public partial class Counter { private static Missing s_x; private static readonly Missing[] s_y = new Missing[1]; }",
        "[GenServer] public partial class Counter { [Call] public List<int> Items() => _missing; [Call] public int[] A() => this.; }",
        "[GenServer] public partial class Counter { [Call] public void Later(ReplyTo<> reply) => reply.Reply(_x); }",
        "[GenServer] public partial class Counter { [Call] public void Later(ReplyTo<List<int>> reply) => reply.Reply(); }",
        "[GenServer] public partial class Counter { [Call] public Missing Get(Missing m, ref int x, params int[] rest) => m; }",
        "public record Node(Node Next, List<Node> Children); [GenServer] public partial class Counter { [Info] public void On(Node n) { } }",
        "public class Loop { public Loop Self { get; } = null!; public Loop[] All = null!; } [GenServer] public partial class Counter { [Cast] public void On(Loop l) { } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { Task.Run(; } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { Task.Run(() => ); new Timer(; ThreadPool.QueueUserWorkItem(_ => _x++); } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { Task.Run(Work); } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { Parallel.For(0, 1, i => this.); } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { Missing().ContinueWith(t => _x); } }",
        "[GenServer] public partial class Counter { [Cast] public void Go() { _ = ; _ = Missing(); Task.Delay(; } }",
        "[GenServer] public partial class Counter { [Call] public int Get() => Missing().Result; [Cast] public void W() => x.Wait(); }",
        "[GenServer] public partial class Counter { [Call] public int Get() => Task.FromResult(1).GetAwaiter().; }",
        "[GenServer] public partial class Counter { [Cast] public void Nap() => Thread.Sleep(); }",
        "[GenServer] public partial class Counter { [Call] public async ValueTask<int> A() => await SelfRef.; }",
        "[GenServer] public partial class Counter { [Call] public async ValueTask<int> A() => await CounterRef.FromPid().GetAsync(); }",
        "[GenServer] public partial class Counter { [Call] public async ValueTask<int> A() => await GenServer.CallAsync(Self, ); }",
        "public static class P { public static async Task M(ArborNode n) { await GenServer.StartAsync(; await Counter.StartAsync(n, ); } }",
        "public static class P { public static ChildSpec S() => new(\"x\", ctx => GenServer.StartAsync(ctx.Node, () => new Counter(), new StartOptions { Link = }));",
        "public static class P { public static ChildSpec S() => Missing.ChildSpec(0); public static object T() => Counter.ChildSpec; }",
        "[GenServer] public struct Counter { [Call] public int Get() => 1; }",
        "[GenServer] public interface ICounter { [Call] int Get(); }",
        "[GenServer] public static partial class Counter { [Call] public static int Get() => 1; }",
        "[GenServer] public partial class Counter<T> { private static List<T> s_x = new(); [Call] public List<T> Get() => s_x; }",
        "public partial class Outer { [GenServer] public partial class Inner { [Call] public int Get() { try { return 1; } catch { return 0; } } } }",
        "[GenServer] public partial class Counter { partial void Hook(); partial void Hook() { try { } catch { } } [Cast] public void Go() => Hook(); }",
        "[GenServer] public partial class Counter { [Call] public int this[int i] => 1; [Call] public event Action? E; [Call] int field; }",
        "[GenServer] public partial class Counter { public Counter() : this(1) { } public Counter(int x) : this() { } }",
        "[GenServer] public partial class Counter { [Call] public int Get() { int Local() { try { return 1; } catch { return 0; } } return Local(); } }",
        "[GenServer] public partial class Counter { [Call] public int Get() => Get(); [Call] public int Other() => Other(); }",
        "[GenServer] public partial class Counter { private int _x = Task.FromResult(1).Result; public int P { get; } = Missing(); }",
        "[GenServer] public partial class Counter { [Call] public unsafe int* Ptr() => null; [Call] public ref int R() => ref _x; private int _x; }",
        "[GenServer] public partial class Counter { [Call] public int Get() => checked(from x in new[] { 1 } select x).Count(); }",
        "[GenServer] public partial class Counter : Missing { [Call] public int Get() => base.Get(); }",
        "[GenServer] [GenServer] public partial class Counter { [Call][Cast][Info] public void All(int x) { } }",
        "[GenServer(] public partial class Counter { [Call(Name = )] public int Get() => 1; }",
        "#if DEBUG\n[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch { return 0; } }\n#endif",
        "[GenServer] public partial class Counter { [Call] public int Get() { try { return 1; } catch { return 0; } } } }}}",
        "namespace A; namespace B; [GenServer] class C { }",
    };
}
