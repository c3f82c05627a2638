// Negative: the child spec factory is passed as a method group to a dynamic supervisor helper.
using System;
using Arbor;

namespace Corpus.MissingChildSpec.N02;

[GenServer]
public partial class Connection
{
    private readonly string _peer;
    public Connection(string peer) => _peer = peer;
    [Call] public string Peer() => _peer;
}

public static class Connections
{
    public static Func<string, string?, string?, Restart, Shutdown?, bool, ChildSpec> Factory => Connection.ChildSpec;
}
