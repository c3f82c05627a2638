using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ClusterChat;

/// <summary>What the demo saw: when the rooms were whole again after a member was killed, and the members' post counts.</summary>
public sealed record DemoResult(string KilledMember, IReadOnlyList<string> MovedRooms, TimeSpan Failover, IReadOnlyList<NodeStatus> Survivors)
{
    public override string ToString() =>
        $"killed {KilledMember}; its rooms {string.Join(", ", MovedRooms)} ran again on the survivors {Failover.TotalMilliseconds:F0} ms later" + Environment.NewLine +
        string.Join(Environment.NewLine, Survivors.Select(s => $"  {s.Node}: rooms {string.Join(",", s.Rooms)}; posts delivered {s.Delivered}, failed {s.Failed}"));
}

/// <summary>
/// The demo: starts <see cref="ClusterNode.Members"/> members as separate processes, waits until every room runs exactly
/// once and every member's chatters are posting, kills one member outright (no goodbye: its process ends), and waits
/// until its rooms run on the survivors and the survivors' chatters post again. Every wait follows the members' status
/// lines and is bounded by <paramref name="timeout"/>; a failure names what was still missing.
/// </summary>
public sealed class Launcher : IAsyncDisposable
{
    private const int PostsToSee = 100;
    private readonly List<Member> _members = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, NodeStatus> _latest = new();
    private TaskCompletionSource _changed = NewSignal();
    private readonly TextWriter _log;
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyList<string> _hostArguments;

    private Launcher(TextWriter log, TimeSpan timeout, IReadOnlyList<string> hostArguments)
    {
        _hostArguments = hostArguments;
        _log = TextWriter.Synchronized(log); // member output arrives on several threads
        _timeout = timeout;
    }

    /// <summary>Runs the demo, writing progress to <paramref name="log"/>; every wait is bounded by <paramref name="timeout"/>.</summary>
    /// <param name="log">Where progress and the members' other output go.</param>
    /// <param name="timeout">The bound of each wait.</param>
    /// <param name="hostArguments">
    /// Arguments for the <c>dotnet</c> host before this program's path, for a launcher running inside another program: a
    /// test passes <c>exec --runtimeconfig … --depsfile …</c> of its own, so the members find their dependencies there.
    /// </param>
    public static async Task<DemoResult> RunDemoAsync(TextWriter log, TimeSpan timeout, IReadOnlyList<string>? hostArguments = null)
    {
        await using var launcher = new Launcher(log, timeout, hostArguments ?? []);
        return await launcher.RunAsync();
    }

    private async Task<DemoResult> RunAsync()
    {
        var basePort = FreePortRange(ClusterNode.Members);
        for (var i = 1; i <= ClusterNode.Members; i++)
        {
            _members.Add(Member.Start(i, basePort, _hostArguments, OnLine, Signal));
        }

        var all = _members.Select(m => m.Name).ToArray();
        var rooms = Enumerable.Range(0, ClusterNode.Rooms).Select(ClusterNode.RoomName).ToArray();
        var whole = await WaitAsync("every member sees the others and every room runs exactly once", s => IsWhole(s, all, rooms));
        _log.WriteLine("cluster up: " + string.Join("; ", whole.Select(s => $"{s.Node} runs {string.Join(",", s.Rooms)}")));
        await WaitForPostsAsync(whole, all);

        // The member running the most rooms goes: the hash ring may leave a member with none, which would show nothing.
        var busiest = whole.OrderByDescending(s => s.Rooms.Count).First();
        var victim = _members.Single(m => m.Name == busiest.Node);
        var moved = busiest.Rooms;
        _log.WriteLine($"killing {victim.Name} (rooms {string.Join(",", moved)})");
        var clock = Stopwatch.StartNew();
        victim.Kill();
        var survivors = all.Where(n => n != victim.Name).ToArray();
        var healed = await WaitAsync($"the survivors run every room exactly once without {victim.Name}", s => IsWhole(s, survivors, rooms));
        var failover = clock.Elapsed;
        _log.WriteLine($"rooms whole again after {failover.TotalMilliseconds:F0} ms: " + string.Join("; ", healed.Select(s => $"{s.Node} runs {string.Join(",", s.Rooms)}")));
        var after = await WaitForPostsAsync(healed, survivors);
        return new DemoResult(victim.Name, moved, failover, after);
    }

    /// <summary>Waits until every member in <paramref name="names"/> has delivered <see cref="PostsToSee"/> more posts than in <paramref name="from"/>.</summary>
    private Task<IReadOnlyList<NodeStatus>> WaitForPostsAsync(IReadOnlyList<NodeStatus> from, IReadOnlyList<string> names)
    {
        var start = from.ToDictionary(s => s.Node, s => s.Delivered);
        return WaitAsync($"{PostsToSee} more posts delivered on each of {string.Join(", ", names)}", s =>
            names.All(n => s.TryGetValue(n, out var now) && now.Delivered >= start[n] + PostsToSee) ? names.Select(n => s[n]).ToArray() : null);
    }

    /// <summary>The statuses of <paramref name="names"/> when they see exactly each other and share out every room exactly once; else null.</summary>
    private static IReadOnlyList<NodeStatus>? IsWhole(IReadOnlyDictionary<string, NodeStatus> latest, IReadOnlyList<string> names, IReadOnlyList<string> rooms)
    {
        var statuses = new List<NodeStatus>();
        foreach (var name in names)
        {
            if (!latest.TryGetValue(name, out var status) || !status.Members.Order().SequenceEqual(names.Where(n => n != name).Order()))
            {
                return null;
            }

            statuses.Add(status);
        }

        var running = statuses.SelectMany(s => s.Rooms).ToList();
        return running.Count == rooms.Count && running.Order().SequenceEqual(rooms.Order()) ? statuses : null;
    }

    private async Task<IReadOnlyList<NodeStatus>> WaitAsync(string what, Func<IReadOnlyDictionary<string, NodeStatus>, IReadOnlyList<NodeStatus>?> condition)
    {
        using var deadline = new CancellationTokenSource(_timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_latest) is { } met)
                {
                    return met;
                }

                changed = _changed.Task;
            }

            if (_members.FirstOrDefault(m => m.HasFailed) is { } failed)
            {
                throw new InvalidOperationException($"{failed.Name} exited ({failed.ExitCode}) while waiting until {what}:{Environment.NewLine}{failed.Errors}");
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                string seen;
                lock (_gate)
                {
                    seen = string.Join(Environment.NewLine, _latest.Values.Select(s => "  " + s.Format()));
                }

                var members = string.Join(Environment.NewLine, _members.Select(m => $"  {m.Describe()}"));
                throw new TimeoutException($"Not within {_timeout.TotalSeconds:F0} s: {what}. Last statuses:{Environment.NewLine}{seen}{Environment.NewLine}Members:{Environment.NewLine}{members}");
            }
        }
    }

    private void OnLine(string line)
    {
        if (NodeStatus.TryParse(line) is not { } status)
        {
            _log.WriteLine(line);
            return;
        }

        lock (_gate)
        {
            _latest[status.Node] = status;
        }

        Signal();
    }

    /// <summary>Wakes the current wait to look again (a status arrived, or a member exited).</summary>
    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A base port whose next <paramref name="count"/> ports are free now (members listen on base + index).</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var basePort = Random.Shared.Next(20_000, 60_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 1; i <= count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, basePort + i);
                    listener.Start();
                    listeners.Add(listener);
                }

                return basePort;
            }
            catch (SocketException)
            {
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("No free range of loopback ports found for the cluster's members.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>One member's operating-system process: this program again, started as <c>member INDEX BASEPORT</c>.</summary>
    private sealed class Member
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _errors = new();

        private Member(int index, Process process)
        {
            Name = ClusterNode.NodeName(index);
            _process = process;
        }

        public string Name { get; }

        public bool Killed { get; private set; }

        public bool HasFailed => !Killed && _process.HasExited && _process.ExitCode != 0;

        public int ExitCode => _process.ExitCode;

        /// <summary>The member's name and state, with what it wrote to its standard error.</summary>
        public string Describe() =>
            $"{Name} ({_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}): " +
            (_process.HasExited ? $"exited with {_process.ExitCode}" : "running") + (Errors.Length > 0 ? $"; stderr:{Environment.NewLine}{Errors}" : "");

        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public static Member Start(int index, int basePort, IReadOnlyList<string> hostArguments, Action<string> onLine, Action onExit)
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in hostArguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(typeof(Member).Assembly.Location);
            start.ArgumentList.Add("member");
            start.ArgumentList.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(basePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.Exited += (_, _) => onExit();
            var member = new Member(index, process);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    onLine(line);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lock (member._errors)
                    {
                        member._errors.AppendLine(line);
                    }
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return member;
        }

        /// <summary>Ends the process at once, as a crash or a pulled plug would: no leave, no goodbye.</summary>
        public void Kill()
        {
            Killed = true;
            _process.Kill(entireProcessTree: true);
        }

        /// <summary>Asks the member to leave gracefully (it reads "stop"); kills it if it has not exited within <paramref name="grace"/>.</summary>
        public async Task StopAsync(TimeSpan grace)
        {
            if (!_process.HasExited)
            {
                try
                {
                    await _process.StandardInput.WriteLineAsync("stop");
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // It is already going.
                }

                using var wait = new CancellationTokenSource(grace);
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
        }

        /// <summary>The <c>dotnet</c> host that runs this program (the SDK sets DOTNET_HOST_PATH under <c>dotnet run</c>/<c>dotnet test</c>).</summary>
        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : "dotnet";
    }
}
