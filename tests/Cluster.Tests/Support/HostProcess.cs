using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Arbor.Cluster.Tests.Support;

/// <summary>What one host process last reported (its <c>STATE</c> line).</summary>
internal sealed record HostSnapshot(
    string Node,
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, (string Owner, string Stamp)> Names,
    IReadOnlyDictionary<string, int> Workers,
    IReadOnlyDictionary<string, string> Contenders)
{
    public static HostSnapshot Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new HostSnapshot(
            root.GetProperty("node").GetString()!,
            [.. root.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)],
            root.GetProperty("names").EnumerateObject().ToDictionary(p => p.Name, p => (p.Value.GetProperty("owner").GetString()!, p.Value.GetProperty("stamp").GetString()!)),
            root.GetProperty("workers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("contenders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    public override string ToString() =>
        $"{Node} members [{string.Join(", ", Members)}] names [{string.Join(", ", Names.Select(n => $"{n.Key}@{n.Value.Owner}/{n.Value.Stamp}"))}] " +
        $"workers [{string.Join(", ", Workers.Select(w => $"{w.Key}x{w.Value}"))}] contenders [{string.Join(", ", Contenders.Select(c => $"{c.Key}:{c.Value}"))}]";
}

/// <summary>
/// One cluster node in its own OS process (tests/ClusterHost), driven over stdin; its snapshots arrive on stdout after
/// every change it sees, and <see cref="HostGroup"/> waits on conditions over them.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly HostGroup _group;
    private readonly Dictionary<string, TaskCompletionSource<bool>> _registered = new(StringComparer.Ordinal);
    private readonly List<string> _errors = new();
    private readonly Task _reading;

    private HostProcess(string name, System.Diagnostics.Process process, HostGroup group)
    {
        Name = name;
        _process = process;
        _group = group;
        _reading = ReadAsync();
        _ = ReadErrorsAsync();
    }

    public string Name { get; }

    public HostSnapshot? Latest { get; private set; }

    public static HostProcess Start(HostGroup group, string name, int port, IEnumerable<string> seeds, IReadOnlyDictionary<string, int> peers, int children)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Arbor.ClusterHost.dll");
        Assert.True(File.Exists(host), $"the cluster host should be built next to the tests: {host}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "exec", host, "--name", name, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--seeds", string.Join(",", seeds), "--peers", string.Join(",", peers.Select(p => $"{p.Key}={p.Value}")),
                     "--children", children.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        return new HostProcess(name, System.Diagnostics.Process.Start(start)!, group);
    }

    /// <summary>Registers a fresh process of this node as <paramref name="name"/>; true when the registration succeeded.</summary>
    public async Task<bool> RegisterAsync(string name, string tag)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_registered)
        {
            _registered[tag] = answer;
        }

        await _process.StandardInput.WriteLineAsync($"register {name} {tag}");
        await _process.StandardInput.FlushAsync();
        return await answer.Task.WaitAsync(TestCluster.Wait);
    }

    /// <summary>A crash: the OS kills the process (no leave, no goodbye; its connections just close).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public bool HasExited => _process.HasExited;

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join(Environment.NewLine, _errors);
            }
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("STATE ", StringComparison.Ordinal))
            {
                Latest = HostSnapshot.Parse(line["STATE ".Length..]);
                _group.Changed();
            }
            else if (line.StartsWith("REGISTERED ", StringComparison.Ordinal))
            {
                var words = line.Split(' ');
                lock (_registered)
                {
                    if (_registered.Remove(words[1], out var answer))
                    {
                        answer.TrySetResult(words[2] == "true");
                    }
                }
            }
        }

        _group.Changed();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception exception) when (exception is IOException or TimeoutException or InvalidOperationException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _reading.WaitAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}

/// <summary>Host processes whose snapshots a test waits on together: any new snapshot re-checks the condition.</summary>
internal sealed class HostGroup
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Changed()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Completes once <paramref name="condition"/> holds over <paramref name="hosts"/>' latest snapshots.</summary>
    public async Task WaitAsync(IReadOnlyList<HostProcess> hosts, Func<IReadOnlyList<HostSnapshot>, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(40);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _next.Task; // taken before the check: a snapshot after it completes this task
            }

            var latest = hosts.Select(h => h.Latest).ToList();
            if (latest.All(s => s is not null) && condition(latest!))
            {
                return;
            }

            var remaining = budget - clock.Elapsed;
            if (remaining <= TimeSpan.Zero || hosts.Any(h => h.HasExited))
            {
                throw new TimeoutException($"{what} did not hold within {budget}:{Environment.NewLine}" +
                                           string.Join(Environment.NewLine, hosts.Select(h => $"{h.Latest}{(h.HasExited ? " (exited) " + h.Errors : string.Empty)}")));
            }

            try
            {
                await next.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // checked once more above, then reported
            }
        }
    }
}
