// Positive: the tree names a similarly named server, not this one.
using System;
using Arbor;

namespace Corpus.MissingChildSpec.P03;

[GenServer]
public partial class EmailSender
{
    [Cast] public void Send(string to) { }
}

[GenServer]
public partial class EmailSenderV2 //~ ARB1008
{
    [Cast] public void Send(string to) { }
}

public static class Tree
{
    public static SupervisorOptions Root() => new() { Strategy = Strategy.OneForOne, Children = new[] { EmailSender.ChildSpec() } };
}
