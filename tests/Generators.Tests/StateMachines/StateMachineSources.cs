namespace Arbor.Generators.Tests.StateMachines;

/// <summary>State machines compiled with the generator by the tests in this folder.</summary>
internal static class StateMachineSources
{
    /// <summary>A code lock: digits are collected while locked; the right code opens it until a state timeout relocks it.</summary>
    public const string DoorLock = """
        using System;
        using System.Threading.Tasks;
        using Arbor;
        using Arbor.StateMachines;

        namespace EndToEnd;

        public enum DoorState { Locked, Open, Suspended }

        public sealed record Reset;

        [StateMachine]
        [Postpone(nameof(Lock), DoorState.Suspended)]
        [Ignore(nameof(Press), DoorState.Suspended)]
        [Ignore(nameof(Resume), DoorState.Locked, DoorState.Open)]
        [Postpone(nameof(WaitLocked), DoorState.Open, DoorState.Suspended)]
        public partial class DoorLock : StateMachine<DoorState>
        {
            private readonly string _code;
            private string _entered = "";
            private readonly System.Collections.Generic.List<string> _log = new();

            public DoorLock(string code, int relockMs = 50) : base(DoorState.Locked)
            {
                _code = code;
                RelockAfter = TimeSpan.FromMilliseconds(relockMs);
            }

            private TimeSpan RelockAfter { get; }

            [OnEnter(DoorState.Locked)]
            private void OnLocked(DoorState previous)
            {
                _entered = "";
                _log.Add("locked from " + previous);
            }

            [OnEnter(DoorState.Open)]
            private void OnOpen()
            {
                _log.Add("open");
                StateTimeout(RelockAfter, "relock");
            }

            [OnCast(DoorState.Locked)]
            public void Press(char digit)
            {
                _entered += digit;
                if (_entered == _code)
                {
                    GoTo(DoorState.Open);
                }
                else if (!_code.StartsWith(_entered, StringComparison.Ordinal))
                {
                    _entered = "";
                }
            }

            [OnCast(DoorState.Open, Event = nameof(Press))]
            public void PressWhileOpen(char key)
            {
                _log.Add("pressed while open " + key);
            }

            [OnStateTimeout(DoorState.Open)]
            private void Relock(string reason)
            {
                _log.Add("timeout " + reason);
                GoTo(DoorState.Locked);
            }

            [OnCall]
            public string Status() => State + " " + string.Join(", ", _log);

            [OnCall(DoorState.Locked, DoorState.Open)]
            public bool Lock()
            {
                GoTo(DoorState.Locked);
                return true;
            }

            [OnCall(DoorState.Locked, DoorState.Open)]
            public async ValueTask<bool> Suspend()
            {
                await Task.Yield();
                GoTo(DoorState.Suspended);
                return true;
            }

            [OnCall(DoorState.Suspended, Event = nameof(Suspend))]
            public bool AlreadySuspended() => false;

            [OnCast(DoorState.Suspended)]
            public void Resume() => GoTo(DoorState.Locked);

            [OnCall(DoorState.Locked)]
            public string WaitLocked() => "relocked";

            [OnInfo]
            private void On(Reset reset) => _entered = "";
        }

        public static class Scenarios
        {
            public static async Task<string> CodeLock(ArborNode node)
            {
                var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
                    DoorLock.ChildSpec("12", 30, name: "door"));
                var door = node.Whereis<DoorLockRef>("door");
                var first = await door.StatusAsync();
                door.Press('1');
                door.Press('2');
                var opened = await door.StatusAsync();
                door.Press('9');
                var waited = await door.WaitLockedAsync();
                var relocked = await door.StatusAsync();
                var suspended = await door.SuspendAsync();
                door.Press('1');
                var locking = door.LockAsync();
                var lockedEarly = locking.IsCompleted;
                door.Resume();
                var locked = await locking;
                var last = await door.StatusAsync();
                await supervisor.StopAsync();
                return $"{first} | {opened} | {waited} | {relocked} | {suspended} {lockedEarly} {locked} | {last}";
            }
        }
        """;

    /// <summary>Dirty state machine handlers: each reports whether it ran on a dirty scheduler thread.</summary>
    public const string Dirty = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;
        using Arbor.StateMachines;

        namespace EndToEnd;

        public enum Phase { Idle, Busy }

        public enum Single { Only }

        public sealed record Poke(int Amount);

        [StateMachine]
        public partial class Grinder : StateMachine<Phase>
        {
            private readonly System.Collections.Generic.List<string> _log = new();

            public Grinder() : base(Phase.Idle)
            {
            }

            internal static string Where() => (Thread.CurrentThread.Name ?? "").StartsWith("Arbor dirty scheduler", StringComparison.Ordinal) ? "dirty" : "plain";

            [OnCall(Phase.Idle, Dirty = true)]
            public string Grind(int amount, CancellationToken cancellationToken)
            {
                GoTo(Phase.Busy);
                return Where() + " " + amount;
            }

            [OnCall(Phase.Busy, Event = nameof(Grind))]
            public string GrindWhileBusy(int amount, CancellationToken cancellationToken) => "busy " + Where();

            [OnCall(Dirty = true)]
            public async ValueTask<string> LogAsync() { await Task.Yield(); return State + " " + string.Join(", ", _log); }

            [OnCall]
            public void Later(ReplyTo<string> reply) => reply.Reply(Where());

            [OnEnter(Phase.Busy, Dirty = true)]
            private void EnterBusy(Phase previous)
            {
                _log.Add("enter " + Where() + " from " + previous);
                StateTimeout(TimeSpan.FromMilliseconds(1), "rest");
            }

            [OnStateTimeout(Phase.Busy, Dirty = true)]
            private void Rest(string why)
            {
                _log.Add(why + " " + Where());
                GoTo(Phase.Idle);
            }

            [OnInfo(Dirty = true)]
            private void On(Poke poke) => _log.Add("poke " + poke.Amount + " " + Where());

            [OnCast(Dirty = true)]
            public void Fail() => throw new InvalidOperationException("dirty machine boom");
        }

        [StateMachine(Dirty = true)]
        public partial class AllDirty : StateMachine<Single>
        {
            public AllDirty() : base(Single.Only)
            {
            }

            [OnCall]
            public string Where() => Grinder.Where();
        }

        public static class Scenarios
        {
            public static async Task<string> DirtyMachine(ArborNode node)
            {
                var grinder = await Grinder.StartAsync(node);
                grinder.Pid.Send(new Poke(7));
                var first = await grinder.GrindAsync(3);
                var later = await grinder.LaterAsync();
                string log;
                do
                {
                    log = await grinder.LogAsync();
                }
                while (!log.StartsWith("Idle", StringComparison.Ordinal));

                var all = await AllDirty.StartAsync(node);
                var where = await all.WhereAsync();
                grinder.Fail();
                var reason = await node.WhenExited(grinder.Pid);
                return $"{first} | {later} | {log} | {where} | {reason.Kind} {reason.Exception?.Message}";
            }
        }
        """;
}
