using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Arbor.ClusterHost;

/// <summary>
/// Prints <c>STATE {json}</c> after every change this node sees — members, global names, worker instances, contender
/// exits — so the test waits on events, never polls. Changes are coalesced: one snapshot per burst.
/// </summary>
internal sealed class Reporter(ArborNode node)
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, string> _contenders = new(StringComparer.Ordinal);
    private readonly object _out = new();
    private WorkerSet? _workers;

    public void Changed() => _changes.Writer.TryWrite(true);

    public void Line(string text)
    {
        lock (_out)
        {
            Console.Out.WriteLine(text);
            Console.Out.Flush();
        }
    }

    /// <summary>Tracks a contender under <paramref name="tag"/>: alive until it exits, then its exit reason.</summary>
    public void Contender(string tag, Pid pid)
    {
        _contenders[tag] = "alive";
        _ = node.WhenExited(pid).ContinueWith(exit => { _contenders[tag] = exit.Result.ToString(); Changed(); }, TaskScheduler.Default);
    }

    public void Start(WorkerSet workers)
    {
        _workers = workers;
        _ = WatchAsync(() => node.Cluster.Global.Registrations, (last, ct) => node.Cluster.Global.WaitForAsync(v => !ReferenceEquals(v, last), Timeout.InfiniteTimeSpan, ct));
        _ = WatchAsync(() => node.Cluster.Members, (last, ct) => node.Cluster.WaitForMembersAsync(v => !ReferenceEquals(v, last), Timeout.InfiniteTimeSpan, ct));
        _ = PrintAsync();
        Changed();
    }

    private async Task WatchAsync<T>(Func<T> read, Func<T, CancellationToken, Task> next)
        where T : class
    {
        while (true)
        {
            var last = read();
            Changed();
            try
            {
                await next(last, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private async Task PrintAsync()
    {
        while (await _changes.Reader.WaitToReadAsync())
        {
            _changes.Reader.TryRead(out _);
            var names = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, registration) in node.Cluster.Global.Registrations)
            {
                names[name] = new { owner = registration.Owner, stamp = registration.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            var snapshot = new
            {
                node = node.NodeName,
                members = node.Cluster.Members,
                names,
                workers = _workers!.Alive(),
                contenders = new SortedDictionary<string, string>(_contenders, StringComparer.Ordinal),
            };
            Line("STATE " + JsonSerializer.Serialize(snapshot));
        }
    }
}
