// Negative: strings are immutable, and Clone of the array is a copy.
using Arbor;

namespace Corpus.StateReturn.N12;

[GenServer]
public partial class Board
{
    private readonly int[] _cells = new int[9];
    private string _title = "tic-tac-toe";

    [Cast] public void Play(int cell, int player) => _cells[cell] = player;
    [Call] public System.Collections.Generic.IReadOnlyList<int> Cells() => (int[])_cells.Clone();
    [Call] public string Title() => _title;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Board.ChildSpec() };
}
