using Chat;

namespace Arbor.Samples.Tests;

/// <summary>
/// The Chat sample's room and session, each tested against the other's generated fake: the room fans posts out to
/// session fakes, and a session rejoins a restarted room fake after its (virtual) rejoin delay.
/// </summary>
public sealed class ChatTests
{
    [Fact]
    public async Task A_room_delivers_each_post_to_every_member()
    {
        await using var test = await ArborTestNode.StartAsync();
        var room = await test.StartSupervisedAsync<RoomRef>(Room.ChildSpec("lobby", new ChatMetrics()));
        var ada = new SessionFake();
        var bob = new SessionFake();
        Assert.Equal(1, await room.JoinAsync(await test.StartSupervisedAsync<SessionRef>(ada.ChildSpec(id: "ada"))));
        Assert.Equal(2, await room.JoinAsync(await test.StartSupervisedAsync<SessionRef>(bob.ChildSpec(id: "bob"))));

        var hello = new ChatMessage("ada", "lobby", "hello");
        room.Post(hello);

        foreach (var member in new[] { ada, bob })
        {
            var delivered = Assert.Single(await member.WhenReceivedAsync(1));
            Assert.Equal("Deliver", delivered.Name);
            Assert.Equal(hello, delivered.Argument<ChatMessage>(0));
        }
    }

    [Fact]
    public async Task A_room_forgets_a_member_whose_process_exits()
    {
        await using var test = await ArborTestNode.StartAsync();
        var room = await test.StartSupervisedAsync<RoomRef>(Room.ChildSpec("lobby", new ChatMetrics()));
        var member = await new SessionFake().StartAsync(test.Node);
        await room.JoinAsync(member);

        await member.StopAsync();
        await test.SettleAsync(); // the room has handled the member's Down notice

        Assert.Equal(0, await room.MembersAsync());
    }

    [Fact]
    public async Task A_session_rejoins_its_room_after_the_room_restarts_once_the_rejoin_delay_has_passed()
    {
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });
        var room = new RoomFake { JoinCall = _ => 1 };
        await test.StartSupervisedAsync<RoomRef>(room.ChildSpec(name: "room-0"));
        await test.StartSupervisedAsync<SessionRef>(Session.ChildSpec("ada", new[] { "room-0" }, new ChatMetrics()));
        await room.WhenReceivedAsync(1);
        await test.SettleAsync(); // the session has its reply: the kill below cannot overtake it

        test.Node.Exit(test.Node.Whereis("room-0"), ExitReason.Kill); // the test supervisor restarts the same fake
        await test.AdvanceAsync(TimeSpan.FromMilliseconds(19));
        Assert.Single(room.ReceivedFor("Join"));

        await test.AdvanceAsync(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, room.ReceivedFor("Join").Count);
    }
}
