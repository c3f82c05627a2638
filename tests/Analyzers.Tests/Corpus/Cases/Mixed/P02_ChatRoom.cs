// Positive: a chat room that swallows send failures and calls itself to count members.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.Mixed.P02;

public sealed record Said(string Who, string Text);

[GenServer]
public partial class Room
{
    private readonly Dictionary<string, Pid> _members = new();

    [Cast] public void Join(string who, Pid pid) => _members[who] = pid;
    [Call] public int Size() => _members.Count;

    [Cast]
    public async ValueTask Say(string who, string text)
    {
        foreach (var member in _members.Values)
        {
            try
            {
                member.Send(new Said(who, text));
            }
            catch (Exception) //~ ARB1001
            {
            }
        }

        var room = SelfRef;
        if (await room.SizeAsync() == 0) Stop(); //~ ARB1010
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Room.ChildSpec(name: "lobby") };
}
