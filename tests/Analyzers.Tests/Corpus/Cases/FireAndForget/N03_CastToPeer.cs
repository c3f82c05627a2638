// Negative: casting to another server is fire-and-forget by design and returns no task.
using Arbor;

namespace Corpus.FireAndForget.N03;

[GenServer]
public partial class Audit
{
    private int _entries;
    [Cast] public void Log(string what) => _entries++;
    [Call] public int Entries() => _entries;
}

[GenServer]
public partial class Users
{
    private readonly AuditRef _audit;
    private int _users;

    public Users(AuditRef audit) => _audit = audit;

    [Cast]
    public void Register(string name)
    {
        _users++;
        _audit.Log($"registered {name}");
    }
}

public static class App
{
    public static ChildSpec[] Children(AuditRef audit) => new[] { Audit.ChildSpec(), Users.ChildSpec(audit) };
}
