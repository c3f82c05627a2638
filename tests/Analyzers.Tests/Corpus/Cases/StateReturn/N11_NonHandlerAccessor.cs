// Negative: the field is returned by a private helper used inside the process, never as a reply.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.StateReturn.N11;

[GenServer]
public partial class Queue
{
    private readonly List<string> _jobs = new();

    [Cast] public void Push(string job) => Jobs().Add(job);
    [Call] public IReadOnlyList<string> Snapshot() => Jobs().ToArray();

    private List<string> Jobs() => _jobs;

    private IEnumerable<string> Pending() => _jobs.Where(j => j.Length > 0);

    [Call] public int PendingCount() => Pending().Count();
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Queue.ChildSpec() };
}
