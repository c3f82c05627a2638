// Positive: a retry loop sleeps the thread between attempts.
using System;
using System.Threading;
using Arbor;

namespace Corpus.Blocking.P04;

[GenServer]
public partial class Connector
{
    private bool _connected;

    [Call]
    public bool Connect(string host)
    {
        for (var attempt = 0; attempt < 3 && !_connected; attempt++)
        {
            _connected = host.Length > attempt;
            if (!_connected) Thread.Sleep(TimeSpan.FromMilliseconds(100 << attempt)); //~ ARB1009
        }

        return _connected;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Connector.ChildSpec() };
}
