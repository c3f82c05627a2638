using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// A supervisor's children in start order, indexed by pid (to route exits) and, for static supervisors, by id (for the
/// admin API). Every change of a child's process goes through here so the indexes stay exact. Owned by the supervisor
/// process: no locking.
/// </summary>
internal sealed class ChildTable
{
    private readonly LinkedList<ChildRecord> _inStartOrder = new();
    private readonly Dictionary<Pid, ChildRecord> _byPid = new();
    private readonly Dictionary<string, ChildRecord>? _byId;

    /// <param name="indexById">True for static supervisors, whose ids are unique; dynamic children are found by pid only.</param>
    public ChildTable(bool indexById) => _byId = indexById ? new Dictionary<string, ChildRecord>(System.StringComparer.Ordinal) : null;

    public int Count => _inStartOrder.Count;

    public int RunningCount => _byPid.Count;

    public IEnumerable<ChildRecord> InStartOrder => _inStartOrder;

    /// <summary>Appends <paramref name="child"/>: it starts after, and stops before, every child already here.</summary>
    public void Add(ChildRecord child)
    {
        _byId?.Add(child.Id, child);
        child.Position = _inStartOrder.AddLast(child);
        if (!child.Pid.IsNone)
        {
            _byPid.Add(child.Pid, child);
        }
    }

    public bool Contains(ChildRecord child) => child.Position?.List == _inStartOrder;

    public bool TryGet(string id, out ChildRecord child)
    {
        if (_byId is not null && _byId.TryGetValue(id, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }

    public bool TryGetByPid(Pid pid, out ChildRecord child) => _byPid.TryGetValue(pid, out child!);

    public void Remove(ChildRecord child)
    {
        if (!Contains(child))
        {
            return;
        }

        ForgetPid(child);
        _byId?.Remove(child.Id);
        _inStartOrder.Remove(child.Position!);
        child.Position = null;
    }

    public void SetRunning(ChildRecord child, Pid pid)
    {
        ForgetPid(child);
        child.IsRestarting = false;
        child.Pid = pid;
        _byPid.Add(pid, child);
    }

    public void SetNotRunning(ChildRecord child)
    {
        ForgetPid(child);
        child.IsRestarting = false;
    }

    public void SetRestarting(ChildRecord child)
    {
        ForgetPid(child);
        child.IsRestarting = true;
    }

    /// <summary><paramref name="child"/> and every child started after it, in start order (the rest-for-one group).</summary>
    public List<ChildRecord> FromOnwards(ChildRecord child)
    {
        var group = new List<ChildRecord>();
        for (var node = child.Position; node is not null; node = node.Next)
        {
            group.Add(node.Value);
        }

        return group;
    }

    public List<ChildRecord> All() => new(_inStartOrder);

    private void ForgetPid(ChildRecord child)
    {
        if (!child.Pid.IsNone)
        {
            _byPid.Remove(child.Pid);
            child.Pid = Pid.None;
        }
    }
}
