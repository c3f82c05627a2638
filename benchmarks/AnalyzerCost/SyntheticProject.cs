using System.Collections.Generic;
using System.Globalization;

namespace Arbor.AnalyzerCost;

/// <summary>
/// Writes the sources of a realistic Arbor application with <c>count</c> GenServers: each has messages as records,
/// state in fields, init, calls (sync, async, deferred), casts, info, continue and terminate handlers, private helpers,
/// a specific catch and some LINQ; one file puts every server under a supervisor. Deterministic for a given count.
/// </summary>
internal static class SyntheticProject
{
    public static IReadOnlyList<(string Path, string Text)> Create(int count)
    {
        var files = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            files.Add(($"Servers/Server{i}.cs", Server(i)));
        }

        files.Add(("Application.cs", Application(count)));
        return files;
    }

    private static string Server(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Arbor;

            namespace Synthetic.Area{{i % 10}};

            /// <summary>Adds an entry to server {{n}}.</summary>
            public sealed record AddEntry{{n}}(string Key, int Amount);

            /// <summary>Tick for server {{n}}.</summary>
            public sealed record Tick{{n}}(int Round);

            /// <summary>Summary of server {{n}}.</summary>
            public sealed record Summary{{n}}(int Total, ImmutableArray<string> Keys);

            /// <summary>Warm-up step of server {{n}}.</summary>
            public sealed record Warmup{{n}}(int Steps);

            /// <summary>Server number {{n}}.</summary>
            [GenServer]
            public partial class Server{{n}}
            {
                private static readonly ImmutableArray<string> s_defaults = ImmutableArray.Create("a", "b", "c");
                private readonly Dictionary<string, int> _totals = new(StringComparer.Ordinal);
                private readonly List<int> _history = new();
                private int _ticks;
                private string _label;

                /// <summary>Init.</summary>
                public Server{{n}}(string label, int seed)
                {
                    _label = label;
                    foreach (var key in s_defaults)
                    {
                        _totals[key] = seed;
                    }

                    Continue(new Warmup{{n}}(3));
                }

                /// <summary>Adds an entry.</summary>
                [Call]
                public int Add(AddEntry{{n}} entry)
                {
                    _totals[entry.Key] = Lookup(entry.Key) + entry.Amount;
                    _history.Add(entry.Amount);
                    return _totals[entry.Key];
                }

                /// <summary>Reads a total.</summary>
                [Call]
                public int Get(string key) => Lookup(key);

                /// <summary>Summarises the state.</summary>
                [Call]
                public Summary{{n}} Summarise() =>
                    new(_totals.Values.Sum(), _totals.Keys.OrderBy(k => k, StringComparer.Ordinal).ToImmutableArray());

                /// <summary>Loads the history from a file.</summary>
                [Call]
                public async ValueTask<int> LoadAsync(string path)
                {
                    try
                    {
                        var lines = await File.ReadAllLinesAsync(path);
                        _history.AddRange(lines.Select(int.Parse));
                    }
                    catch (FileNotFoundException)
                    {
                        return 0;
                    }

                    return _history.Count;
                }

                /// <summary>Replies later.</summary>
                [Call]
                public void Later(ReplyTo<int> reply) => reply.Reply(_history.Count);

                /// <summary>Renames the server.</summary>
                [Cast]
                public void Rename(string label) => _label = label;

                /// <summary>Forgets everything.</summary>
                [Cast]
                public void Reset()
                {
                    _totals.Clear();
                    _history.Clear();
                }

                /// <summary>Counts ticks.</summary>
                [Info]
                public void On(Tick{{n}} tick)
                {
                    _ticks += tick.Round;
                    if (_ticks % 100 == 0)
                    {
                        SendAfter(TimeSpan.FromSeconds(1), new Tick{{n}}(tick.Round + 1));
                    }
                }

                /// <summary>Warms up.</summary>
                [Continue]
                public void After(Warmup{{n}} warmup)
                {
                    for (var step = 0; step < warmup.Steps; step++)
                    {
                        _history.Add(step);
                    }
                }

                /// <summary>Cleans up.</summary>
                [Terminate]
                public void Cleanup(ExitReason reason) => _history.Clear();

                private int Lookup(string key) => _totals.TryGetValue(key, out var value) ? value : 0;

                /// <inheritdoc />
                public override string ToString() => $"{_label}: {_ticks} ticks, {_history.Count} entries";
            }
            """;
    }

    private static string Application(int count)
    {
        var children = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            children.Append($"            global::Synthetic.Area{i % 10}.Server{n}.ChildSpec(\"server-{n}\", {n}, name: \"server-{n}\"),\n");
        }

        return $$"""
            using System;
            using System.Threading.Tasks;
            using Arbor;

            namespace Synthetic;

            /// <summary>The application: one supervisor over every server.</summary>
            public static class Application
            {
                /// <summary>The supervisor's children.</summary>
                public static ChildSpec[] Children() => new ChildSpec[]
                {
            {{children}}    };

                /// <summary>Starts the tree.</summary>
                public static ValueTask<SupervisorRef> StartAsync(ArborNode node) =>
                    node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5), Children());
            }
            """;
    }
}
