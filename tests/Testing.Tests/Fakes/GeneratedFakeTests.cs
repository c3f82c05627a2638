using System.Linq;
using Arbor.Fakes;

namespace Arbor.Testing.Tests.Fakes;

/// <summary>
/// The fakes the generator writes for each [GenServer]: a server under test is wired to an <c>InventoryFake</c> process
/// instead of a real Inventory, which records what it received and answers from the test's script.
/// </summary>
public sealed class GeneratedFakeTests
{
    [Fact]
    public async Task A_fake_answers_calls_from_its_script_and_records_them_with_their_arguments()
    {
        await using var test = await ArborTestNode.StartAsync();
        var inventory = new InventoryFake { ReserveCall = (item, count) => item == "apple" };
        await test.StartSupervisedAsync<InventoryRef>(inventory.ChildSpec(name: "inventory"));
        var checkout = await test.StartSupervisedAsync<CheckoutRef>(Checkout.ChildSpec());

        Assert.Equal("bought", await checkout.BuyAsync("apple"));
        Assert.Equal("sold out", await checkout.BuyAsync("pear"));

        var received = await inventory.WhenReceivedAsync(3);
        Assert.Equal(new[] { "Inventory.Reserve(apple, 1)", "Inventory.Reserve(pear, 1)", "Inventory.Restock(pear, 10)" }, received.Select(r => r.ToString()));
        var restock = Assert.Single(inventory.ReceivedFor("Restock"));
        Assert.False(restock.IsCall);
        Assert.Equal("pear", restock.Argument<string>(0));
        Assert.Equal(10, restock.Argument<int>(1));
        Assert.Equal(1, await checkout.SoldAsync());
    }

    [Fact]
    public async Task A_cast_runs_its_optional_script_after_being_recorded()
    {
        await using var test = await ArborTestNode.StartAsync();
        var restocked = new TaskCompletionSource<(string, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inventory = new InventoryFake { RestockCast = (item, count) => restocked.TrySetResult((item, count)) };
        var fake = await test.StartSupervisedAsync<InventoryRef>(inventory.ChildSpec());

        fake.Restock("fig", 3);

        Assert.Equal(("fig", 3), await restocked.Task.WaitAsync(test.ExpectTimeout));
        Assert.Equal("Inventory.Restock(fig, 3)", Assert.Single(inventory.Received).Display);
    }

    [Fact]
    public async Task A_call_with_no_scripted_answer_crashes_the_fake_naming_the_property_to_set()
    {
        await using var test = await ArborTestNode.StartAsync();
        var inventory = new InventoryFake();
        var fake = await inventory.StartAsync(test.Node);
        test.Track(fake.Pid, "InventoryFake");

        var failure = await Assert.ThrowsAsync<ProcessExitedException>(() => fake.ReserveAsync("apple", 1).AsTask());

        Assert.Contains("InventoryFake received Inventory.Reserve(apple, 1) but has no answer for it: set InventoryFake.ReserveCall.", failure.Reason.ToString());
        await test.Logs.ExpectCrashReportAsync(fake.Pid);
        Assert.Single(inventory.Received);
    }

    [Fact]
    public async Task Waiting_for_requests_that_never_come_fails_with_what_did_arrive()
    {
        var inventory = new InventoryFake();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => inventory.WhenReceivedAsync(1, TimeSpan.FromMilliseconds(1)));

        Assert.Equal("InventoryFake expected 1 request(s) within 0.001 s but received 0.", failure.Message);
    }
}
