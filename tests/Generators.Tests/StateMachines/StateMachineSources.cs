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
}
