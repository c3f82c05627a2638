using System.Threading.Tasks;
using Arbor.Distribution.Tests.RemoteStart;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// A real Erlang node's <c>erlang:spawn_request</c> and <c>spawn/4</c> towards Arbor: a name Arbor made startable
/// starts (linked or monitored as asked); anything else, an Erlang function included, is answered with an error reply
/// and the connection stays up.
/// </summary>
public sealed class ErlangRemoteStartTests : IClassFixture<ErlangFixture>
{
    private static readonly Atom SpawnRequest = Atom.Of("spawn_request");
    private readonly ErlangFixture _f;

    public ErlangRemoteStartTests(ErlangFixture fixture) => _f = fixture;

    private Atom Me => Atom.Of(_f.Node.NodeName!);

    [ErlangFact]
    public async Task An_Erlang_spawn_of_something_Arbor_did_not_make_startable_gets_badarg_and_the_connection_stays_up()
    {
        var refused = await _f.PeerAsync(new ErlangTuple(SpawnRequest, Me, Atom.Of("io"), Atom.Of("format"), new ErlangList(["hi"]), ErlangList.Empty));
        Assert.Equal(new ErlangTuple(Atom.Error, Atom.Of("badarg")), refused);

        // spawn/4 raises the error of the reply (it would hang on a net_kernel fallback without the SPAWN flag).
        var spawned = await _f.PeerAsync(new ErlangTuple(Atom.Of("spawn"), Me, Atom.Of("erlang"), Atom.Of("halt"), ErlangList.Empty));
        Assert.Equal(new ErlangTuple(Atom.Error, Atom.Of("badarg")), spawned);

        Assert.Equal(Atom.Of("pong"), await _f.PeerAsync(new ErlangTuple(Atom.Of("net_ping"), Me)));
    }

    [ErlangFact]
    public async Task An_option_Arbor_does_not_understand_gets_badopt()
    {
        var workers = new StartedWorkers(_f.Node, "worker_badopt");
        var refused = await _f.PeerAsync(new ErlangTuple(
            SpawnRequest, Me, Atom.Of("worker_badopt"), Atom.Of("start"), new ErlangList([1L]), new ErlangList([new ErlangTuple(Atom.Of("no_such_option"), 1L)])));
        Assert.Equal(new ErlangTuple(Atom.Error, Atom.Of("badopt")), refused);
        Assert.True(workers.NoneStarted);
    }

    [ErlangFact]
    public async Task An_Erlang_node_starts_a_startable_Arbor_server_monitored_and_linked_and_sees_it_exit()
    {
        var workers = new StartedWorkers(_f.Node, "worker_e");
        var reply = (ErlangTuple)(await _f.PeerAsync(new ErlangTuple(
            SpawnRequest, Me, Atom.Of("worker_e"), Atom.Of("start"), new ErlangList([9L]), new ErlangList([Atom.Of("monitor"), Atom.Of("link")]))))!;
        Assert.Equal(Atom.Of("ok"), reply[0]);
        var pid = (Pid)reply[1];
        var requestId = reply[2];
        Assert.Equal(pid, await workers.NextAsync());

        // gen_server:call from Erlang into the started server.
        Assert.Equal(9L, await _f.PeerAsync(new ErlangTuple(Atom.Of("call"), pid, Atom.Of("get"))));

        _f.Node.Exit(pid, ExitReason.Kill);

        // The monitor (its reference is the request id) and the link (the peer traps exits) both report it.
        Assert.Equal(Atom.Of("killed"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), requestId)));
        Assert.Equal(Atom.Of("killed"), await _f.PeerAsync(new ErlangTuple(Atom.Of("await"), pid)));
    }

    [ErlangFact]
    public async Task A_start_whose_init_fails_is_answered_with_init_failed()
    {
        new StartedWorkers(_f.Node, "worker_bad_init");
        var refused = await _f.PeerAsync(new ErlangTuple(
            SpawnRequest, Me, Atom.Of("worker_bad_init"), Atom.Of("start"), new ErlangList([Atom.Of("not_a_number")]), ErlangList.Empty));
        Assert.Equal(new ErlangTuple(Atom.Error, Atom.Of("init_failed")), refused);
    }
}
