namespace Arbor.Generators.Tests.Support;

/// <summary>User code for the end-to-end tests: GenServers as a user writes them, and scenarios that drive them through the generated clients.</summary>
internal static class EndToEndSource
{
    public const string Servers = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;

        namespace EndToEnd;

        public sealed record Tick(int Amount);
        public sealed record Step(int Number);

        // Where a Watcher publishes what it saw; the scenario awaits these instead of sleeping.
        public sealed class WatcherProbes
        {
            public Task<string> Down { get; set; } = Task.FromResult("unset");
            public Task<string> Exited { get; set; } = Task.FromResult("unset");
            public Task<string> Idle { get; set; } = Task.FromResult("unset");
        }

        // The most natural parameter names are the user's: the generated parameters they would collide with give way
        // (ChildSpec's name becomes arborName, the call's timeout arborTimeout).
        [GenServer]
        public partial class Labelled
        {
            private readonly string _label;

            public Labelled(string name, string id) => _label = name + "/" + id;

            [Call] public string Label() => _label;
            [Call] public string Wait(TimeSpan timeout, string name) => name + " waits " + timeout.TotalSeconds + " s";
        }

        [GenServer]
        public partial class Counter
        {
            private int _count;

            public Counter(int start) => _count = start;

            [Call] public int Get() => _count;
            [Call] public int Add(int by) => _count += by;
            [Call] public int Add(int a, int b) => _count += a + b;
            [Cast] public void Reset() => _count = 0;
            [Info] public void On(Tick tick) => _count += tick.Amount;
            [Info] public void On(string text) => _count += text.Length;
            [Call] public string Describe() => SelfRef.ToString();
        }

        [GenServer]
        public partial class Gate
        {
            private readonly List<ReplyTo<string>> _waiting = new();

            [Call] public void Wait(ReplyTo<string> reply) => _waiting.Add(reply);
            [Call] public int Waiting() => _waiting.Count;
            [Cast] public void Open(string value)
            {
                foreach (var waiter in _waiting)
                {
                    waiter.Reply(value);
                }

                _waiting.Clear();
            }
        }

        // Dirty handlers: each reports where it ran; the reads and writes of _count would lose updates if two ran at once.
        [GenServer]
        public partial class Cruncher
        {
            private int _count;

            private static string Where() => (Thread.CurrentThread.Name ?? "unnamed").StartsWith("Arbor dirty scheduler") && !Thread.CurrentThread.IsThreadPoolThread ? "dirty" : "pool";

            [Call(Dirty = true)] public string Crunch(Pid self) => Where() + " " + (self == Self);
            [Call] public string Plain() => Where();
            [Call(Dirty = true)] public async ValueTask<int> CountAsync() { await Task.Yield(); return _count; }
            [Call(Dirty = true)] public void Later(ReplyTo<string> reply) => reply.Reply(Where());
            [Cast(Dirty = true)] public void Bump() { var seen = _count; Thread.SpinWait(200); _count = seen + 1; }
            [Info(Dirty = true)] public void On(Tick tick) { if (Where() == "dirty") { Continue(new Step(tick.Amount)); } }
            [Continue(Dirty = true)] public void After(Step step) { if (Where() == "dirty") { _count += step.Number; } }
        }

        // Dirty = true on the server makes every handler dirty.
        [GenServer(Dirty = true)]
        public partial class DirtyAll
        {
            [Call] public string Where() => (Thread.CurrentThread.Name ?? "unnamed").StartsWith("Arbor dirty scheduler") ? "dirty" : "pool";
            [Cast] public void Fail() => throw new InvalidOperationException("dirty boom");
        }

        [GenServer]
        public partial class Slow
        {
            private int _count;

            // Read, yield, write: lost updates would show if two of these ever ran at once.
            [Call] public async ValueTask<int> IncrementAsync(CancellationToken cancellationToken)
            {
                var seen = _count;
                await Task.Yield();
                _count = seen + 1;
                return _count;
            }

            [Call] public async Task<int> DoubleAsync()
            {
                await Task.Yield();
                return _count *= 2;
            }

            [Cast] public async ValueTask BumpAsync()
            {
                var seen = _count;
                await Task.Yield();
                _count = seen + 1;
            }

            [Call] public async ValueTask LaterAsync(ReplyTo<int> reply)
            {
                await Task.Yield();
                reply.Reply(_count);
            }

            [Call] public int Get() => _count;
        }

        // A handler's CancellationToken is cancelled when its process exits, so a killed server stops awaiting.
        [GenServer]
        public partial class Hanger
        {
            private readonly TaskCompletionSource _entered;
            private readonly TaskCompletionSource<string> _cancelled;

            public Hanger(TaskCompletionSource entered, TaskCompletionSource<string> cancelled) => (_entered, _cancelled) = (entered, cancelled);

            [Call] public async ValueTask<string> WaitForeverAsync(CancellationToken cancellationToken)
            {
                _entered.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return "woke";
                }
                catch (OperationCanceledException)
                {
                    _cancelled.TrySetResult("cancelled");
                    throw;
                }
            }
        }

        [GenServer]
        public partial class Lifecycle
        {
            private readonly TaskCompletionSource<string> _terminated;
            private readonly List<string> _log = new();

            public Lifecycle(TaskCompletionSource<string> terminated) => _terminated = terminated;

            [Call] public string Begin()
            {
                Continue(new Step(1));
                return "begun";
            }

            [Continue] public void After(Step step)
            {
                _log.Add("continued " + step.Number);
                if (step.Number < 3)
                {
                    Continue(new Step(step.Number + 1));
                }
            }

            [Call] public string Log() => string.Join(", ", _log);

            [Call] public string Finish()
            {
                Stop(ExitReason.Shutdown);
                return "bye";
            }

            [Cast] public void Crash(string why) => throw new InvalidOperationException(why);

            [Terminate] public void Cleanup(ExitReason reason) => _terminated.TrySetResult(reason.ToString());
        }

        // Runtime-made info messages reach [Info] handlers by type like any other message.
        [GenServer]
        public partial class Watcher
        {
            private readonly TaskCompletionSource<string> _down = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource<string> _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Watcher(WatcherProbes probes)
            {
                probes.Down = _down.Task;
                probes.Exited = _exited.Task;
                probes.Idle = _idle.Task;
                TrapExit = true;
            }

            // Calls, not casts: the scenario must know the monitor and link are in place before it stops the targets.
            [Call] public bool Watch(Pid target) => Monitor(target) is not null;
            [Call] public bool LinkTo(Pid target)
            {
                Link(target);
                return true;
            }

            [Cast] public void GoIdle() => IdleTimeout = TimeSpan.FromMilliseconds(1);

            [Info] public void On(Down down) => _down.TrySetResult("down " + down.Reason.Kind);
            [Info] public void On(Exited exited) => _exited.TrySetResult("exited " + exited.Reason.Kind);
            [Info] public void On(IdleTimeout timeout)
            {
                IdleTimeout = null;
                _idle.TrySetResult("idle");
            }
        }

        [GenServer]
        public partial class Fragile
        {
            private int _value;

            // The same start arguments are used on every restart; the channel tells the test each time init runs.
            public Fragile(int start, System.Threading.Channels.ChannelWriter<Pid> started)
            {
                _value = start;
                started.TryWrite(Self);
            }

            [Call] public int Add(int by) => _value += by;
            [Cast] public void Crash() => throw new InvalidOperationException("let it crash");
        }

        // Generic: the start helpers live on Cache<TKey, TValue>, the client is CacheRef<TKey, TValue>.
        [GenServer]
        public sealed partial class Cache<TKey, TValue>
            where TKey : notnull
            where TValue : struct
        {
            private readonly Dictionary<TKey, TValue> _entries;

            public Cache(IEnumerable<KeyValuePair<TKey, TValue>> seed) => _entries = new(seed);

            [Call] public TValue? Get(TKey key) => _entries.TryGetValue(key, out var value) ? value : null;
            [Call] public async ValueTask<int> CountAsync()
            {
                await Task.Yield();
                return _entries.Count;
            }

            [Cast] public void Put(TKey key, TValue value) => _entries[key] = value;
            [Info] public void On(KeyValuePair<TKey, TValue> entry) => _entries[entry.Key] = entry.Value;
            [Call] public bool IsSelf(CacheRef<TKey, TValue> other) => other == SelfRef;
        }

        // A piece of work that ends on its own: the significant child of an auto-shutdown supervisor.
        [GenServer]
        public partial class Job
        {
            [Call] public string Status() => "working";
            [Cast] public void Finish() => Stop(ExitReason.Normal);
        }
        """;

    public const string Scenarios = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Arbor;

        namespace EndToEnd;

        public static class Scenarios
        {
            public static async Task<string> CallsCastsAndInfo(ArborNode node)
            {
                var log = new List<string>();
                var counter = await Counter.StartAsync(node, 10);
                log.Add("get " + await counter.GetAsync());
                log.Add("add " + await counter.AddAsync(5));
                log.Add("add2 " + await counter.AddAsync(1, 2));
                counter.Reset();
                log.Add("reset " + await counter.GetAsync());
                counter.Pid.Send(new Tick(3));
                counter.Pid.Send("ab");
                counter.Pid.Send(42); // no [Info] for int: logged and dropped, the server carries on
                log.Add("info " + await counter.GetAsync());
                log.Add("self " + (await counter.DescribeAsync() == counter.ToString()));
                return string.Join("; ", log);
            }

            public static async Task<string> NamedAndTyped(ArborNode node)
            {
                var started = await Counter.StartAsync(node, 7, name: "counter");
                var found = node.Whereis<CounterRef>("counter");
                ICounterClient client = found;
                var value = await client.GetAsync();
                string second;
                try
                {
                    await Counter.StartAsync(node, 1, name: "counter");
                    second = "started twice";
                }
                catch (StartFailedException failed)
                {
                    second = failed.Result.Status.ToString();
                }

                return $"{found == started} {value} {second}";
            }

            public static async Task<string> NaturalParameterNames(ArborNode node)
            {
                var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
                    Labelled.ChildSpec(name: "ada", id: "7", arborName: "labelled", arborId: "child"));
                var labelled = node.Whereis<LabelledRef>("labelled");
                var label = await labelled.LabelAsync();
                var wait = await labelled.WaitAsync(TimeSpan.FromSeconds(2), "grace", arborTimeout: TimeSpan.FromSeconds(5));
                var child = (await supervisor.WhichChildrenAsync()).Single().Id;
                var direct = await Labelled.StartAsync(node, name: "joe", id: "8", arborName: "direct");
                var directLabel = await node.Whereis<LabelledRef>("direct").LabelAsync();
                await supervisor.StopAsync();
                return $"{label} | {wait} | {child} | {directLabel} {direct.Pid.IsAlive}";
            }

            public static async Task<string> DeferredReply(ArborNode node)
            {
                var gate = await Gate.StartAsync(node);
                var first = gate.WaitAsync();
                var second = gate.WaitAsync();
                var waiting = await gate.WaitingAsync();  // handled after both waits: they are parked, not answered
                var pendingBeforeOpen = !first.IsCompleted && !second.IsCompleted;
                gate.Open("go");
                return $"{waiting} {pendingBeforeOpen} {await first} {await second}";
            }

            public static async Task<string> AsyncHandlers(ArborNode node)
            {
                var slow = await Slow.StartAsync(node);
                var increments = Enumerable.Range(0, 100).Select(_ => slow.IncrementAsync().AsTask()).ToList();
                for (var i = 0; i < 50; i++)
                {
                    slow.Bump();
                }

                await Task.WhenAll(increments);
                var afterBoth = await slow.GetAsync();
                var doubled = await slow.DoubleAsync();
                var later = await slow.LaterAsync();
                return $"{afterBoth} {doubled} {later}";
            }

            public static async Task<string> ExitTokenCancelsHandlers(ArborNode node)
            {
                var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var hanger = await Hanger.StartAsync(node, entered, cancelled);
                var call = hanger.WaitForeverAsync().AsTask();
                await entered.Task;
                node.Exit(hanger.Pid, ExitReason.Kill);
                var seen = await cancelled.Task;
                string caller;
                try
                {
                    caller = await call;
                }
                catch (ProcessExitedException exited)
                {
                    caller = "caller saw " + exited.Reason.Kind;
                }

                return $"{seen} | {caller}";
            }

            public static async Task<string> ContinueStopAndTerminate(ArborNode node)
            {
                var terminated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var server = await Lifecycle.StartAsync(node, terminated);
                var begun = await server.BeginAsync();
                var log = await server.LogAsync();
                var bye = await server.FinishAsync();
                var reason = await terminated.Task;
                var exit = await node.WhenExited(server.Pid);
                string afterwards;
                try
                {
                    await server.LogAsync();
                    afterwards = "still running";
                }
                catch (NoProcessException)
                {
                    afterwards = "noproc";
                }

                return $"{begun} | {log} | {bye} | {reason} | {exit} | {afterwards}";
            }

            public static async Task<string> ClientStopRunsTerminate(ArborNode node)
            {
                var terminated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var server = await Lifecycle.StartAsync(node, terminated);
                await server.StopAsync(ExitReason.Shutdown, TimeSpan.FromSeconds(20));
                var stoppedWith = terminated.Task.IsCompleted ? await terminated.Task : "terminate not run";
                string again;
                try
                {
                    await server.StopAsync();
                    again = "stopped twice";
                }
                catch (NoProcessException)
                {
                    again = "noproc";
                }

                return $"{stoppedWith} | {server.Pid.IsAlive} | {again}";
            }

            public static async Task<string> CrashRunsTerminateAndFailsCallers(ArborNode node)
            {
                var terminated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var server = await Lifecycle.StartAsync(node, terminated);
                server.Crash("boom");
                var exit = await node.WhenExited(server.Pid);
                var reason = await terminated.Task;
                return $"{exit.Kind} {exit.Exception?.Message} | {reason.Contains("boom")}";
            }

            public static async Task<string> MonitorsLinksAndIdleTimeouts(ArborNode node)
            {
                var probes = new WatcherProbes();
                var watcher = await Watcher.StartAsync(node, probes);
                var watchedTerminated = new TaskCompletionSource<string>();
                var watched = await Lifecycle.StartAsync(node, watchedTerminated);
                var linkedTerminated = new TaskCompletionSource<string>();
                var linked = await Lifecycle.StartAsync(node, linkedTerminated);

                await watcher.WatchAsync(watched.Pid);
                await watcher.LinkToAsync(linked.Pid);
                await watched.FinishAsync();
                linked.Crash("linked crash");
                var down = await probes.Down;
                var exited = await probes.Exited;
                watcher.GoIdle();
                var idle = await probes.Idle;
                return $"{down} | {exited} | {idle} | {watcher.Pid.IsAlive}";
            }

            public static async Task<string> CrashAndRestartUnderSupervisor(ArborNode node)
            {
                var started = System.Threading.Channels.Channel.CreateUnbounded<Pid>();
                var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
                    Fragile.ChildSpec(start: 10, started: started.Writer, name: "fragile"));
                var first = await started.Reader.ReadAsync();
                var fragile = node.Whereis<FragileRef>("fragile");
                var before = await fragile.AddAsync(5);
                var exited = node.WhenExited(fragile.Pid);
                fragile.Crash();
                var reason = await exited;
                var second = await started.Reader.ReadAsync();
                var child = (await supervisor.WhichChildrenAsync()).Single();
                var restarted = node.Whereis<FragileRef>("fragile");
                var after = await restarted.AddAsync(1);
                await supervisor.StopAsync();
                return $"{before} {reason.Kind} | {child.Id} {child.Pid == restarted.Pid} {restarted.Pid == second} {first == fragile.Pid} {restarted != fragile} | {after}";
            }

            public static async Task<string> SignificantChildEndsItsSupervisor(ArborNode node)
            {
                var supervisor = await node.StartSupervisorAsync(new SupervisorOptions
                {
                    AutoShutdown = AutoShutdown.AnySignificant,
                    Children = new[]
                    {
                        Counter.ChildSpec(start: 0, name: "bystander"),
                        Job.ChildSpec(name: "job", restart: Restart.Transient, significant: true),
                    },
                });
                var job = node.Whereis<JobRef>("job");
                var status = await job.StatusAsync();
                var bystander = node.WhenExited(node.Whereis<CounterRef>("bystander").Pid);
                var supervisorExit = node.WhenExited(supervisor.Pid);
                job.Finish();
                return $"{status} | job {await node.WhenExited(job.Pid)} | supervisor {await supervisorExit} | bystander {await bystander}";
            }

            public static async Task<string> GenericCacheUnderSupervisor(ArborNode node)
            {
                var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
                    Cache<string, int>.ChildSpec(new Dictionary<string, int> { ["a"] = 1 }, name: "cache"));
                var cache = node.Whereis<CacheRef<string, int>>("cache");
                ICacheClient<string, int> client = cache;
                client.Put("b", 2);
                cache.Pid.Send(new KeyValuePair<string, int>("c", 3));
                var found = $"{await client.GetAsync("a")} {await cache.GetAsync("b")} {await cache.GetAsync("c")} {(await cache.GetAsync("zz"))?.ToString() ?? "none"}";
                var count = await cache.CountAsync();
                var self = await cache.IsSelfAsync(CacheRef<string, int>.FromPid(cache.Pid));
                var child = (await supervisor.WhichChildrenAsync()).Single();
                var standalone = await Cache<string, int>.StartAsync(node, new Dictionary<string, int>());
                var others = $"{await standalone.CountAsync()} {await standalone.IsSelfAsync(cache)} {standalone != cache}";
                await supervisor.StopAsync();
                return $"{found} | {count} {self} | {child.Id} {child.Pid == cache.Pid} {cache.ToString().StartsWith("Cache<")} | {others}";
            }

            public static async Task<string> DirtyHandlers(ArborNode node)
            {
                var cruncher = await Cruncher.StartAsync(node);
                var crunch = await cruncher.CrunchAsync(cruncher.Pid);
                var plain = await cruncher.PlainAsync();
                var later = await cruncher.LaterAsync();
                for (var i = 0; i < 50; i++)
                {
                    cruncher.Bump();
                }

                cruncher.Pid.Send(new Tick(100));
                var count = await cruncher.CountAsync();
                var all = await DirtyAll.StartAsync(node);
                var where = await all.WhereAsync();
                all.Fail();
                var reason = await node.WhenExited(all.Pid);
                return $"{crunch} | {plain} | {later} | {count} | {where} | {reason.Kind} {reason.Exception?.Message}";
            }

            public static async Task<string> SignificantPermanentChildIsRejected(ArborNode node)
            {
                var spec = Job.ChildSpec(significant: true);
                try
                {
                    await node.StartSupervisorAsync(new SupervisorOptions { AutoShutdown = AutoShutdown.AnySignificant, Children = new[] { spec } });
                    return "started";
                }
                catch (InvalidChildSpecException rejected)
                {
                    return $"{spec.Significant} {spec.Restart} | {rejected.ChildId}: {rejected.Problem} | processes {node.ProcessCount}";
                }
            }
        }
        """;
}
