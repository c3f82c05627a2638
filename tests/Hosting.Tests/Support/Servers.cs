using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Arbor.Hosting.Tests.Support;

/// <summary>Where workers write down when they start and stop, in the order it happens.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();

    public string[] Entries => _entries.ToArray();

    public ChannelReader<string> Started => _started.Reader;

    public void Write(string entry)
    {
        _entries.Enqueue(entry);
        if (entry.StartsWith("start ", StringComparison.Ordinal))
        {
            _started.Writer.TryWrite(entry);
        }
    }
}

/// <summary>A worker that writes its start and its stop (it traps exits, so a shutdown runs terminate) to a journal.</summary>
[GenServer]
public partial class Worker
{
    private readonly string _label;
    private readonly Journal _journal;

    public Worker(string label, Journal journal)
    {
        _label = label;
        _journal = journal;
        TrapExit = true;
        journal.Write("start " + label);
    }

    [Call] public string Label() => _label;

    [Cast] public void Crash() => throw new InvalidOperationException("crash requested by the test");

    [Terminate] public void Stopped(ExitReason reason) => _journal.Write($"stop {_label} {reason}");
}

/// <summary>A worker whose terminate never finishes: only a kill ends it.</summary>
[GenServer]
public partial class Stubborn
{
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Stubborn() => TrapExit = true;

    [Call] public bool Ping() => true;

    [Terminate] public async ValueTask Stall(ExitReason reason) => await _never.Task;
}

/// <summary>A worker whose init fails.</summary>
[GenServer]
public partial class Broken
{
    public Broken(string why) => throw new InvalidOperationException(why);

    [Call] public bool Ping() => true;
}
