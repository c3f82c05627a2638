using System;
using Arbor;

namespace Hello;

[GenServer]
public partial class Greeter
{
    private readonly string _greeting;
    private int _greeted;

    public Greeter(string greeting) => _greeting = greeting;

    [Call] public string Greet(string who) => $"{_greeting}, {who}! (greeting #{++_greeted})";

    [Cast] public void Crash(string why) => throw new InvalidOperationException(why);
}
