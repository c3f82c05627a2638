// Positive: a filter that only checks the exception is not null lets everything through.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P11;

[GenServer]
public partial class Sessions
{
    private readonly Dictionary<Guid, DateTime> _seen = new();

    [Call]
    public bool Touch(Guid id)
    {
        try
        {
            _seen[id] = DateTime.UtcNow;
            return true;
        }
        catch (Exception e) when (e != null) //~ ARB1001
        {
            return false;
        }
    }

    [Cast] public void Expire(Guid id) => _seen.Remove(id);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Sessions.ChildSpec() };
}
