using System;
using Arbor;
using Hello;

// 1. A node runs processes: it holds the name registry, the timers, and the logger crash reports go to.
await using var node = await ArborNode.StartAsync();

// 2. A supervisor starts the greeter from its generated child spec, and restarts it whenever it crashes.
var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
    Greeter.ChildSpec(greeting: "Hello", name: "greeter"));

// 3. The generated GreeterRef is a typed client. A call sends a message and awaits the reply.
var greeter = node.Whereis<GreeterRef>("greeter");
Console.WriteLine(await greeter.GreetAsync("world"));
Console.WriteLine(await greeter.GreetAsync("Arbor"));

// 4. A cast sends a message and moves on. This one makes the handler throw: the process crashes.
greeter.Crash("let it crash");
Console.WriteLine($"greeter exited: {await node.WhenExited(greeter.Pid)}");

// 5. The supervisor restarts it under the same name. The name is free from the moment of the crash until the new
//    process registers it: WhereisAsync waits for that registration (here at most 5 seconds).
var restarted = await node.WhereisAsync<GreeterRef>("greeter", TimeSpan.FromSeconds(5));

Console.WriteLine(await restarted.GreetAsync("again"));
Console.WriteLine($"a new process: {restarted.Pid != greeter.Pid}");

// 6. Stopping the supervisor stops its children, in reverse start order.
await supervisor.StopAsync();
