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

    /// <summary>The server's own pid: how a client on another node gets a pid to call (not a name).</summary>
    [Call]
    public Pid SelfPid() => Self;
}

/// <summary>A remote server whose calls wait for a release or crash: for the failure paths of remote typed calls.</summary>
[GenServer(Remote = true)]
public partial class Gate
{
    private readonly List<ReplyTo<long>> _waiting = [];

    /// <summary>Replies only when released.</summary>
    [Call]
    public void Wait(ReplyTo<long> reply) => _waiting.Add(reply);

    [Cast]
    public void Release(long value)
    {
        foreach (var waiting in _waiting)
        {
            waiting.Reply(value);
        }

        _waiting.Clear();
    }

    [Call]
    public long Crash(string why) => throw new InvalidOperationException(why);

    /// <summary>How many calls wait: a call behind the waits that proves they have arrived.</summary>
    [Call]
    public int Waiting() => _waiting.Count;
}

/// <summary>A local-only server: its client cannot reach another node.</summary>
[GenServer]
public partial class LocalOnly
{
    [Call]
    public int Get() => 1;
}

/// <summary>
/// The protocol of a Calculator declared without its class, as a program that only calls it would: the client and codecs
/// come from this interface.
/// </summary>
[GenServerProtocol]
public partial interface ICalculatorProtocol
{
    [Call]
    long Add(int by);

    [Call]
    long Get();

    [Cast]
    void Reset();

    [Call]
    Point Move(Point point, (int Dx, int Dy) by);
}

/// <summary>The Erlang gen_server of the interop tests (arbor_peer.erl), declared from its Erlang source.</summary>
[GenServerProtocol]
public partial interface IErlangPeer
{
    /// <summary><c>ping</c> → <c>pong</c>.</summary>
    [Call]
    Atom Ping();

    /// <summary><c>{add, N}</c> → the new count.</summary>
    [Call]
    long Add(long n);

    /// <summary><c>get</c> → the count.</summary>
    [Call]
    long Get();

    /// <summary><c>{echo, T}</c> → <c>T</c>.</summary>
    [Call]
    Dictionary<string, int> Echo(Dictionary<string, int> term);

    /// <summary>Recorded in the server's list of casts.</summary>
    [Cast]
    void Note(string text);
}

/// <summary>arbor_peer.erl declared wrongly: its ping replies with an atom, not an integer.</summary>
[GenServerProtocol]
public partial interface IMistakenPeer
{
    [Call]
    long Ping();
}
