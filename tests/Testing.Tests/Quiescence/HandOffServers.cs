using System.Threading;

namespace Arbor.Testing.Tests.Quiescence;

/// <summary>Counts what the servers below finished, read by the test right after the node became quiescent.</summary>
public sealed class Tally
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Answers calls; the other end of <see cref="Relay"/>'s calls.</summary>
[GenServer]
public partial class Echo
{
    [Call] public int Twice(int value) => value * 2;
}

/// <summary>
/// Does its work in asynchronous handlers whose continuations come back through hand-offs the old "quiet for a while"
/// heuristic could not see: a call's reply, a start's result, each with and without <c>ConfigureAwait(false)</c>.
/// </summary>
[GenServer]
public partial class Relay
{
    private readonly EchoRef _echo;
    private readonly Tally _tally;

    public Relay(EchoRef echo, Tally tally)
    {
        _echo = echo;
        _tally = tally;
    }

    [Cast] public async ValueTask AskEcho(int value)
    {
        await _echo.TwiceAsync(value);
        _tally.Add();
    }

    [Cast] public async ValueTask AskEchoOffContext(int value)
    {
        await _echo.TwiceAsync(value).ConfigureAwait(false);
        _tally.Add();
    }

    [Cast] public async ValueTask StartAndStop()
    {
        var echo = await Echo.StartAsync(Node).ConfigureAwait(false);
        await echo.StopAsync().ConfigureAwait(false);
        _tally.Add();
    }

    [Cast] public async ValueTask Wait(TaskCompletionSource gate)
    {
        await gate.Task;
        _tally.Add();
    }
}

/// <summary>A server whose one handler runs on the dirty schedulers.</summary>
[GenServer]
public partial class Grinder
{
    private readonly Tally _tally;

    public Grinder(Tally tally) => _tally = tally;

    [Cast(Dirty = true)] public void Grind() => _tally.Add();
}

/// <summary>
/// A dirty handler with an asynchronous rest: it calls <see cref="Echo"/> and finishes under its process's context, so
/// the handler's completion happens inside a counted continuation — where the awaiter would otherwise queue the
/// process's resumption to the thread pool, uncounted.
/// </summary>
[GenServer]
public partial class AsyncGrinder
{
    private readonly EchoRef _echo;
    private readonly Tally _tally;

    public AsyncGrinder(EchoRef echo, Tally tally)
    {
        _echo = echo;
        _tally = tally;
    }

    [Cast(Dirty = true)] public async ValueTask GrindAfterEcho(int value)
    {
        await _echo.TwiceAsync(value);
        _tally.Add();
    }

    [Cast] public void Count() => _tally.Add();
}

/// <summary>Never settles: each message it handles sends it another.</summary>
[GenServer]
public partial class Spinner
{
    [Cast] public void Spin() => Self.Send(new SpinAgain());

    [Info] public void On(SpinAgain again) => Self.Send(again);
}

/// <summary>The message a <see cref="Spinner"/> keeps sending itself.</summary>
public sealed record SpinAgain;

/// <summary>Writes down the exits it traps, so a test can see an exit signal was handled.</summary>
[GenServer]
public partial class ExitWatcher
{
    private readonly Tally _tally;

    public ExitWatcher(Tally tally)
    {
        _tally = tally;
        TrapExit = true;
    }

    [Call] public bool LinkTo(Pid other)
    {
        Link(other);
        return true;
    }

    [Info] public void On(Exited exited) => _tally.Add();
}
