namespace Arbor.Testing.Tests.Fakes;

/// <summary>A generic key-value server: its fake is generic too, closed by the test like its client.</summary>
[GenServer]
public partial class Shelf<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = new();

    [Call] public TValue? Take(TKey key) => _items.Remove(key, out var value) ? value : default;

    [Cast] public void Put(TKey key, TValue value) => _items[key] = value;
}

/// <summary>The fake the generator writes for a generic server, standing in for it with the test's own type arguments.</summary>
public sealed class GenericFakeTests
{
    [Fact]
    public async Task A_generic_servers_fake_answers_and_records_with_the_tests_type_arguments()
    {
        await using var test = await ArborTestNode.StartAsync();
        var shelf = new ShelfFake<string, int> { TakeCall = key => key.Length };
        var client = await test.StartSupervisedAsync<ShelfRef<string, int>>(shelf.ChildSpec(name: "shelf"));

        client.Put("apples", 3);
        Assert.Equal(5, await client.TakeAsync("pears"));

        var received = await shelf.WhenReceivedAsync(2);
        Assert.Equal("Put", received[0].Name);
        Assert.False(received[0].IsCall);
        Assert.Equal("apples", received[0].Argument<string>(0));
        Assert.Equal(3, received[0].Argument<int>(1));
        Assert.True(received[1].IsCall);
        Assert.Equal("pears", Assert.Single(shelf.ReceivedFor("Take")).Argument<string>(0));
        Assert.Equal(test.Node.Whereis("shelf"), client.Pid);
    }

    [Fact]
    public async Task A_generic_fake_started_alone_crashes_on_an_unscripted_call_naming_the_property()
    {
        await using var test = await ArborTestNode.StartAsync();
        var shelf = new ShelfFake<int, string>();
        var client = await shelf.StartAsync(test.Node);
        test.Track(client.Pid, "ShelfFake");

        var failure = await Assert.ThrowsAsync<ProcessExitedException>(() => client.TakeAsync(7).AsTask());

        Assert.Contains("TakeCall", failure.Reason.ToString());
        await test.Logs.ExpectCrashReportAsync(client.Pid);
    }
}
