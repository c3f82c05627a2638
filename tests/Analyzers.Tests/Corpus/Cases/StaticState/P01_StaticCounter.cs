// Positive: a static request counter shared by every session process.
using System;
using Arbor;

namespace Corpus.StaticState.P01;

[GenServer]
public partial class Session
{
    private static int s_active; //~ ARB1002
    private readonly Guid _id;

    public Session(Guid sessionId)
    {
        _id = sessionId;
        s_active++;
    }

    [Call] public int Active() => s_active;
    [Terminate] public void Cleanup(ExitReason reason) => s_active--;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Session.ChildSpec(Guid.NewGuid()) };
}
