// Positive: a call takes a List the sender may keep changing.
using System.Collections.Generic;
using System.Linq;
using Arbor;

namespace Corpus.Messages.P02;

[GenServer]
public partial class Statistics
{
    private double _last;

    [Call]
    public double Mean(List<double> samples) //~ ARB1004
    {
        _last = samples.Count == 0 ? 0 : samples.Average();
        return _last;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Statistics.ChildSpec() };
}
