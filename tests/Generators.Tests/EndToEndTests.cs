using System.Threading.Tasks;
using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests;

/// <summary>
/// GenServers compiled with the generator, loaded, and run on the real runtime through their generated clients.
/// Every wait is on a reply or an exit, never a sleep.
/// </summary>
public sealed class EndToEndTests : IClassFixture<CompiledServers>
{
    private readonly CompiledServers _servers;

    public EndToEndTests(CompiledServers servers) => _servers = servers;

    [Fact]
    public async Task Calls_casts_and_info_reach_their_handlers_and_unmatched_info_is_dropped() =>
        Assert.Equal("get 10; add 15; add2 18; reset 0; info 5; self True", await RunAsync("CallsCastsAndInfo"));

    [Fact]
    public async Task Named_servers_are_found_as_typed_clients_and_names_are_unique() =>
        Assert.Equal("True 7 AlreadyStarted", await RunAsync("NamedAndTyped"));

    [Fact]
    public async Task Constructor_and_call_parameters_may_use_the_names_the_generated_methods_add() =>
        Assert.Equal("ada/7 | grace waits 2 s | child | joe/8 True", await RunAsync("NaturalParameterNames"));

    [Fact]
    public async Task Deferred_replies_answer_parked_callers_later() =>
        Assert.Equal("2 True go go", await RunAsync("DeferredReply"));

    [Fact]
    public async Task Async_handlers_keep_one_message_at_a_time() =>
        Assert.Equal("150 300 300", await RunAsync("AsyncHandlers"));

    [Fact]
    public async Task A_handler_cancellation_token_is_cancelled_when_its_process_is_killed() =>
        Assert.Equal("cancelled | caller saw Killed", await RunAsync("ExitTokenCancelsHandlers"));

    [Fact]
    public async Task Continue_runs_before_the_next_message_and_stop_runs_terminate() =>
        Assert.Equal("begun | continued 1, continued 2, continued 3 | bye | shutdown | shutdown | noproc", await RunAsync("ContinueStopAndTerminate"));

    [Fact]
    public async Task The_generated_client_stop_runs_terminate_and_returns_once_the_server_is_gone() =>
        Assert.Equal("shutdown | False | noproc", await RunAsync("ClientStopRunsTerminate"));

    [Fact]
    public async Task A_crashing_handler_runs_terminate_and_the_process_exits_with_the_exception() =>
        Assert.Equal("Crash boom | True", await RunAsync("CrashRunsTerminateAndFailsCallers"));

    [Fact]
    public async Task A_crashed_server_is_restarted_by_its_supervisor_from_the_generated_child_spec() =>
        Assert.Equal("15 Crash | fragile True True True True | 11", await RunAsync("CrashAndRestartUnderSupervisor"));

    [Fact]
    public async Task A_significant_transient_child_from_the_generated_child_spec_triggers_auto_shutdown_when_it_ends() =>
        Assert.Equal("working | job normal | supervisor shutdown | bystander shutdown", await RunAsync("SignificantChildEndsItsSupervisor"));

    [Fact]
    public async Task A_significant_permanent_child_from_the_generated_child_spec_is_rejected_before_anything_starts() =>
        Assert.Equal(
            "True Permanent | Job: a significant child must be transient or temporary, not permanent | processes 0",
            await RunAsync("SignificantPermanentChildIsRejected"));

    [Fact]
    public async Task A_generic_server_runs_under_a_supervisor_from_its_generic_child_spec_and_answers_through_its_generic_client() =>
        Assert.Equal("1 2 3 none | 3 True | cache True True | 0 False True", await RunAsync("GenericCacheUnderSupervisor"));

    [Fact]
    public async Task Monitor_notices_trapped_exits_and_idle_timeouts_reach_info_handlers_by_type() =>
        Assert.Equal("down Shutdown | exited Crash | idle | True", await RunAsync("MonitorsLinksAndIdleTimeouts"));

    [Fact]
    public async Task Dirty_handlers_run_on_the_dirty_schedulers_as_their_process_one_message_at_a_time() =>
        Assert.Equal("dirty True | pool | dirty | 150 | dirty | Crash dirty boom", await RunAsync("DirtyHandlers"));

    /// <summary>Runs a scenario on a node of its own and returns its transcript.</summary>
    private async Task<string> RunAsync(string scenario)
    {
        await using var node = await ArborNode.StartAsync();
        return await _servers.Run(scenario, node);
    }
}
