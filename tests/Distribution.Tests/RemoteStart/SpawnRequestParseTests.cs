using Arbor.Distribution.Control;

namespace Arbor.Distribution.Tests.RemoteStart;

/// <summary>SPAWN_REQUEST from the wire: its shape is checked (a malformed one is an error that closes the connection), its options sorted.</summary>
public sealed class SpawnRequestParseTests
{
    private static readonly Atom Peer = Atom.Of("peer@host");
    private static readonly ErlangReference Id = new(Peer, 1, [1, 2, 3]);
    private static readonly ErlangPid From = new(Peer, 42, 0, 1);
    private static readonly ErlangTuple Mfa = new(Atom.Of("worker"), Atom.Of("start"), 1L);

    private static ErlangTuple Control(object options, object? mfa = null, object? id = null) =>
        new(29L, id ?? Id, From, From, mfa ?? Mfa, options);

    [Fact]
    public void A_well_formed_request_is_read_with_its_link_and_monitor_options()
    {
        var options = new ErlangList([Atom.Of("link"), new ErlangTuple(Atom.Of("monitor"), ErlangList.Empty), new ErlangTuple(Atom.Of("priority"), Atom.Of("high"))]);
        var request = SpawnRequest.Parse(Control(options), new ErlangList([5L]), traced: false);

        Assert.Equal(Atom.Of("worker"), request.Module);
        Assert.Equal(Atom.Of("start"), request.Function);
        Assert.Equal(1L, request.Arity);
        Assert.Equal([5L], request.Arguments);
        Assert.True(request.Link);
        Assert.True(request.Monitor);
        Assert.Null(request.BadOption);
    }

    [Fact]
    public void An_unknown_option_is_reported_not_thrown()
    {
        var request = SpawnRequest.Parse(Control(new ErlangList([Atom.Of("nonsense")])), ErlangList.Empty, traced: false);
        Assert.Equal(Atom.Of("nonsense"), request.BadOption);
    }

    [Fact]
    public void Malformed_requests_throw_naming_what_is_wrong()
    {
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(ErlangList.Empty), payload: null, traced: false));
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(ErlangList.Empty), new ErlangList([1L], Atom.Of("tail")), traced: false));
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(Atom.Of("not_a_list")), ErlangList.Empty, traced: false));
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(ErlangList.Empty, mfa: new ErlangTuple(Atom.Of("m"), Atom.Of("f"))), ErlangList.Empty, traced: false));
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(ErlangList.Empty, id: 7L), ErlangList.Empty, traced: false));
        Assert.Throws<ArgumentException>(() => SpawnRequest.Parse(Control(ErlangList.Empty), ErlangList.Empty, traced: true)); // TT needs the token
    }
}
