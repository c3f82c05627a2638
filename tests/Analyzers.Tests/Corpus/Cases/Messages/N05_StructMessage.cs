// Negative: a struct with public fields is copied when sent: nothing is shared.
using Arbor;

namespace Corpus.Messages.N05;

public struct Point
{
    public int X;
    public int Y;
}

[GenServer]
public partial class Plotter
{
    private int _count;

    [Cast] public void Plot(Point point) => _count += point.X + point.Y > 0 ? 1 : 0;
    [Call] public Point Origin() => new Point();
    [Call] public int Count() => _count;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Plotter.ChildSpec() };
}
