using System.IO;
using System.Linq;
using ClusterChat;

namespace Arbor.Samples.Tests;

/// <summary>
/// The three-member chat cluster, run as the README runs it: each member its own operating-system process, one killed
/// outright while its users post. Every wait inside the demo follows the members' status lines (no sleeps) and is bounded.
/// </summary>
public sealed class ClusterChatTests
{
    [Fact]
    public async Task The_rooms_of_a_killed_member_run_again_on_the_survivors_and_the_chatters_keep_posting()
    {
        var log = new StringWriter();
        DemoResult result;
        try
        {
            // The members run from this test's output folder, where the test's runtime config and dependencies are.
            var self = typeof(ClusterChatTests).Assembly.Location;
            string[] host = ["exec", "--runtimeconfig", Path.ChangeExtension(self, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(self, ".deps.json")];
            result = await Launcher.RunDemoAsync(log, TimeSpan.FromSeconds(90), host);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}Demo log:{Environment.NewLine}{log}");
        }

        Assert.NotEmpty(result.MovedRooms);
        Assert.Equal(ClusterNode.Members - 1, result.Survivors.Count);
        Assert.DoesNotContain(result.Survivors, s => s.Node == result.KilledMember);

        // Every room runs exactly once on the survivors, the killed member's among them.
        var running = result.Survivors.SelectMany(s => s.Rooms).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(0, ClusterNode.Rooms).Select(ClusterNode.RoomName).Order(StringComparer.Ordinal), running);
        Assert.All(result.MovedRooms, room => Assert.Contains(room, running));
        Assert.All(result.Survivors, s => Assert.True(s.Delivered > 0, $"{s.Node} delivered no posts"));
    }
}
