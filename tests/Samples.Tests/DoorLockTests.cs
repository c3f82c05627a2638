using Arbor.EventManagers;
using DoorLock;

namespace Arbor.Samples.Tests;

/// <summary>The DoorLock sample's state machine: its state timeouts, tested on virtual time (minutes pass at once).</summary>
public sealed class DoorLockTests
{
    private static readonly TimeSpan s_openFor = TimeSpan.FromMinutes(5);

    private static async Task<CodeLockRef> StartDoorAsync(ArborTestNode test)
    {
        var audit = await EventManager.StartAsync<DoorEvent>(test.Node);
        test.OnExit(async () => await audit.StopAsync());
        return await test.StartSupervisedAsync<CodeLockRef>(CodeLock.ChildSpec(code: "1234", openFor: s_openFor, audit: audit));
    }

    [Fact]
    public async Task The_right_code_opens_the_door_until_the_state_timeout_relocks_it()
    {
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });
        var door = await StartDoorAsync(test);

        foreach (var digit in "1234")
        {
            door.Press(digit);
        }

        Assert.Equal(DoorState.Open, await door.StatusAsync());
        await test.AdvanceAsync(s_openFor - TimeSpan.FromSeconds(1));
        Assert.Equal(DoorState.Open, await door.StatusAsync());

        await test.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(DoorState.Locked, await door.StatusAsync());
    }

    [Fact]
    public async Task Three_wrong_codes_lock_the_keypad_out_for_twice_the_open_time()
    {
        await using var test = await ArborTestNode.StartAsync(new ArborTestNodeOptions { VirtualTime = true });
        var door = await StartDoorAsync(test);

        foreach (var digit in "000011112222")
        {
            door.Press(digit);
        }

        Assert.Equal(DoorState.LockedOut, await door.StatusAsync());
        await test.AdvanceAsync(s_openFor);
        Assert.Equal(DoorState.LockedOut, await door.StatusAsync());

        await test.AdvanceAsync(s_openFor);

        Assert.Equal(DoorState.Locked, await door.StatusAsync());
    }
}
