// Positive: a reporting helper with several statements that ends in return true, used as a filter.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P08;

public sealed record Job(int Id, string Payload);

[GenServer]
public partial class JobRunner
{
    private readonly List<string> _log = new();
    private int _done;

    [Cast]
    public void Run(Job job)
    {
        try
        {
            Execute(job);
            _done++;
        }
        catch (Exception error) when (Report(job, error)) //~ ARB1001
        {
        }
    }

    [Call] public int Done() => _done;

    private static void Execute(Job job)
    {
        if (job.Payload.Length == 0) throw new FormatException("empty payload");
    }

    private bool Report(Job job, Exception error)
    {
        _log.Add($"job {job.Id}: {error.Message}");
        if (_log.Count > 100)
        {
            _log.RemoveAt(0);
        }

        return true;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { JobRunner.ChildSpec() };
}
