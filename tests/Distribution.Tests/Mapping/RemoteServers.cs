using System.Linq;
using System.Threading.Tasks;

namespace Arbor.Distribution.Tests.Mapping;

public enum Color
{
    Red,
    DarkGreen,
    [ErlangName("blue!")]
    Blue,
}

public sealed record Point(int X, int Y)
{
    /// <summary>Computed: not sent, and not needed to decode.</summary>
    public int Manhattan => Math.Abs(X) + Math.Abs(Y);
}

public sealed class Profile
{
    public string Name { get; set; } = string.Empty;

    public int? Age { get; set; }

    [ErlangName("labels")]
    public List<string> Tags { get; set; } = [];

    public Point? Home { get; init; }
}

/// <summary>A remote server exercising every row of the mapping table.</summary>
[GenServer(Remote = true)]
public partial class Calculator
{
    private long _total;

    [Call]
    public long Add(int by) => _total += by;

    [Call]
    public long Get() => _total;

    [Cast]
    public void Reset() => _total = 0;

    [Cast]
    public void SetTotal(long total) => _total = total;

    [Call]
    public BigInteger Square(BigInteger x) => x * x;

    [Call]
    public string Greet(string name, bool shout) => shout ? $"HELLO {name}!" : $"hello {name}";

    [Call]
    public Point Move(Point point, (int Dx, int Dy) by) => new(point.X + by.Dx, point.Y + by.Dy);

    [Call]
    public Dictionary<string, int> CountWords(string[] words) => words.GroupBy(word => word).ToDictionary(group => group.Key, group => group.Count());

    [Call]
    public Color? Next(Color color) => color == Color.Blue ? null : color + 1;

    [Call]
    public Profile Echo(Profile profile) => profile;

    [Call]
    [ErlangName("fetch")]
    public byte[] Read(long offset, IReadOnlyList<byte> bytes) => bytes.Skip((int)offset).ToArray();

    [Call]
    public async ValueTask<double> HalfAsync(double x)
    {
        await Task.Yield();
        return x / 2;
    }

    [Call]
    public object Echo(object term, Atom tag) => new ErlangTuple(tag, term);

    [Call]
    public Pid WhoAmI(Pid? pid) => pid ?? Pid.None;
}
