namespace Arbor;

/// <summary>Whether a child is a worker or a supervisor (supervisors default to an infinite shutdown).</summary>
public enum ChildType
{
    /// <summary>A worker process.</summary>
    Worker,

    /// <summary>A supervisor (a subtree).</summary>
    Supervisor,
}
