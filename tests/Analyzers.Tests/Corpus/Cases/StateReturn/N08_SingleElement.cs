// Negative: replying with one immutable element of the collection, or a lookup result.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N08;

public sealed record User(string Id, string Name);

[GenServer]
public partial class Directory
{
    private readonly List<User> _users = new();
    private readonly Dictionary<string, User> _byId = new();

    [Cast] public void Add(User user) { _users.Add(user); _byId[user.Id] = user; }
    [Call] public User? First() => _users.FirstOrDefault();
    [Call] public User? Find(string id) => _byId.GetValueOrDefault(id);
    [Call] public User Newest() => _users[^1];
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Directory.ChildSpec() };
}
