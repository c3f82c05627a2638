using System;
using Arbor;

namespace Hello;

// [GenServer] on a partial class: the generator writes the other half (mailbox dispatch, the GreeterRef client,
// Greeter.ChildSpec(...) and the start methods).
[GenServer]
public partial class Greeter
{
    private readonly string _greeting;
    private int _greeted;

    // The constructor is init: it runs inside the new process; its parameters are the start arguments.
    public Greeter(string greeting) => _greeting = greeting;

    // A call: the client gets ValueTask<string> GreetAsync(string who, TimeSpan? timeout = null, CancellationToken = default).
    [Call] public string Greet(string who) => $"{_greeting}, {who}! (greeting #{++_greeted})";

    // A cast: the client gets void Crash(string why); the sender never waits and never fails.
    [Cast] public void Crash(string why) => throw new InvalidOperationException(why);
}
