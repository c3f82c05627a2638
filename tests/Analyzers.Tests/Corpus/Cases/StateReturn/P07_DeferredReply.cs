// Positive: a deferred reply hands over the server's own list.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P07;

[GenServer]
public partial class Chat
{
    private readonly List<string> _messages = new();

    [Cast] public void Post(string text) => _messages.Add(text);

    [Call]
    public void History(ReplyTo<IReadOnlyList<string>> reply)
    {
        reply.Reply(_messages); //~ ARB1003
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Chat.ChildSpec() };
}
