// Positive: state held in an auto-property, replied through an interface type.
using System.Collections.Generic;
using Arbor;

namespace Corpus.StateReturn.P10;

[GenServer]
public partial class Scoreboard
{
    private List<int> Scores { get; } = new();

    [Cast] public void Add(int score) => Scores.Add(score);
    [Call] public IReadOnlyList<int> All() => Scores; //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Scoreboard.ChildSpec() };
}
