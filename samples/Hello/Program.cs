using System;
using Arbor;
using Hello;

await using var node = await ArborNode.StartAsync();

var supervisor = await node.StartSupervisorAsync(Strategy.OneForOne, maxRestarts: 3, within: TimeSpan.FromSeconds(5),
    Greeter.ChildSpec(greeting: "Hello", name: "greeter"));

var greeter = node.Whereis<GreeterRef>("greeter");
Console.WriteLine(await greeter.GreetAsync("world"));
Console.WriteLine(await greeter.GreetAsync("Arbor"));

greeter.Crash("let it crash");
Console.WriteLine($"greeter exited: {await node.WhenExited(greeter.Pid)}");

await supervisor.WhichChildrenAsync();
var restarted = node.Whereis<GreeterRef>("greeter");
Console.WriteLine(await restarted.GreetAsync("again"));
Console.WriteLine($"a new process: {restarted.Pid != greeter.Pid}");

await supervisor.StopAsync();
