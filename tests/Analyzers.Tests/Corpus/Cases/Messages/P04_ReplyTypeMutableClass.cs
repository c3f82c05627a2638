// Positive: the reply is a fresh object, but of a mutable class with public fields.
using Arbor;

namespace Corpus.Messages.P04;

public sealed class Report
{
    public int Total;
    public int Failed;
}

[GenServer]
public partial class Tests
{
    private int _total;
    private int _failed;

    [Cast] public void Result(bool passed) { _total++; if (!passed) _failed++; }
    [Call] public Report Summary() => new Report { Total = _total, Failed = _failed }; //~ ARB1004
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Tests.ChildSpec() };
}
