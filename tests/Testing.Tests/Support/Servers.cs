using System.Collections.Concurrent;

namespace Arbor.Testing.Tests.Support;

/// <summary>What a subscriber is told when a <see cref="Notifier"/> publishes.</summary>
public sealed record Published(string Text);

/// <summary>Where servers write down that they stopped, in the order it happens.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string[] Entries => _entries.ToArray();

    public void Write(string entry) => _entries.Enqueue(entry);
}

/// <summary>A server that tells its subscribers what it is given, and can be made to crash.</summary>
[GenServer]
public partial class Notifier
{
    private readonly List<Pid> _subscribers = new();

    [Call] public int Subscribe(Pid subscriber)
    {
        _subscribers.Add(subscriber);
        return _subscribers.Count;
    }

    [Cast] public void Publish(string text)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Send(new Published(text));
        }
    }

    [Cast] public void Crash(string why) => throw new InvalidOperationException(why);
}

/// <summary>A worker that writes its stop to a journal (it traps exits, so a supervisor's shutdown runs terminate).</summary>
[GenServer]
public partial class Recorder
{
    private readonly string _label;
    private readonly Journal _journal;

    public Recorder(string label, Journal journal)
    {
        _label = label;
        _journal = journal;
        TrapExit = true;
    }

    [Call] public string Label() => _label;

    [Terminate] public void Stopped(ExitReason reason) => _journal.Write("stop " + _label);
}

/// <summary>A worker whose init fails.</summary>
[GenServer]
public partial class Broken
{
    public Broken(string why) => throw new InvalidOperationException(why);

    [Call] public bool Ping() => true;
}

/// <summary>A server that starts a helper linked to itself: when the server stops, the helper follows a moment later.</summary>
[GenServer]
public partial class WithHelper
{
    [Call] public async ValueTask<Pid> StartHelper() => (await Notifier.StartLinkAsync(Node)).Pid;
}
