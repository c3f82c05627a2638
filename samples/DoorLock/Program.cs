using System;
using System.Threading.Channels;
using Arbor;
using Arbor.EventManagers;
using DoorLock;

// A door with a code lock, as a generated state machine, and an audit trail, as an event manager.
await using var node = await ArborNode.StartAsync();

// 1. The audit event manager and one handler in it. Handlers are added and removed at run time.
var audit = await EventManager.StartAsync<DoorEvent>(node, name: "audit");
var changes = Channel.CreateUnbounded<DoorEvent>();
var auditLog = await audit.AddHandlerAsync(() => new AuditLog(changes.Writer));

// 2. The machine's diagram, generated from its handlers.
Console.WriteLine(CodeLock.StateDiagram);

// 3. The lock runs under a supervisor, from its generated child spec; the open door relocks after 100 ms.
var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
    CodeLock.ChildSpec(code: "1234", openFor: TimeSpan.FromMilliseconds(100), audit: audit, name: "door"));
var door = node.Whereis<CodeLockRef>("door");
await Print("starts");

// 4. The right code opens the door; the state timeout locks it again.
foreach (var digit in "1234")
{
    door.Press(digit);
}

await Print("code 1234");
await Print("state timeout");

// 5. Three wrong codes lock the keypad out. Presses are ignored there; a Lock call is postponed until it ends.
foreach (var digit in "000011112222")
{
    door.Press(digit);
}

await Print("three wrong codes");
door.Press('1');
var locking = door.LockAsync();
await Print("lockout timeout");
Console.WriteLine($"postponed Lock answered: {await locking}");

// 6. A call to one handler of the event manager.
Console.WriteLine($"audited changes: {await audit.CallAsync<int>(auditLog, "count")}");

await supervisor.StopAsync();
await audit.StopAsync();

async System.Threading.Tasks.Task Print(string cause)
{
    var change = await changes.Reader.ReadAsync();
    Console.WriteLine($"{cause}: {change.From} -> {change.To}");
}
