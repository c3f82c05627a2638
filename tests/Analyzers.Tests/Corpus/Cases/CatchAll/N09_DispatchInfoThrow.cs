// Negative: captures the exception, cleans up, and rethrows it with its original stack.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using Arbor;

namespace Corpus.CatchAll.N09;

[GenServer]
public partial class Batcher
{
    private readonly List<string> _batch = new();

    [Cast] public void Add(string item) => _batch.Add(item);

    [Call]
    public int Commit()
    {
        var count = _batch.Count;
        try
        {
            Write(_batch);
        }
        catch (Exception e)
        {
            var captured = ExceptionDispatchInfo.Capture(e);
            _batch.Clear();
            captured.Throw();
        }

        _batch.Clear();
        return count;
    }

    private static void Write(List<string> items)
    {
        if (items.Count > 10_000) throw new InvalidOperationException("batch too large");
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Batcher.ChildSpec() };
}
