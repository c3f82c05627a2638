using System.Globalization;
using System.Threading.Tasks;
using Arbor.Distribution.Tests.Transport.Support;

namespace Arbor.Distribution.Tests.PeerProcess;

/// <summary>
/// The test assembly doubles as a peer node in its own OS process: <c>dotnet Arbor.Distribution.Tests.dll peer-node
/// ALIVE COOKIE EPMD_PORT</c> starts an Arbor node with a test server registered as <c>counter</c>, prints
/// <c>ready NODE</c>, and runs until its standard input closes. (Without those arguments it does nothing: the test
/// runner loads the assembly, it does not run this.)
/// </summary>
internal static class PeerNodeProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["peer-node", var alive, var cookie, var epmd])
        {
            return 0;
        }

        await using var node = await TestNodes.StartAsync(alive, int.Parse(epmd, CultureInfo.InvariantCulture), cookie);
        await Served.StartAsync(node, "counter");
        Console.Out.WriteLine("ready " + node.NodeName);
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
