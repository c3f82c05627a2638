using System;
using System.Globalization;
using ClusterChat;

// The chat cluster: three members, each its own process, rooms spread over them by a distributed supervisor, users on
// every member posting to rooms found by global name. With no arguments this runs the demo: start the members, kill
// one while the chatters post, and watch its rooms come back on the survivors.
if (args is ["member", var index, var basePort])
{
    await ClusterNode.RunAsync(int.Parse(index, CultureInfo.InvariantCulture), int.Parse(basePort, CultureInfo.InvariantCulture), Console.In, Console.Out);
    return 0;
}

try
{
    var result = await Launcher.RunDemoAsync(Console.Out, TimeSpan.FromSeconds(60));
    Console.WriteLine(result);
    return 0;
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine("The demo failed: " + e.Message);
    return 1;
}
