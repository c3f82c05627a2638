using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Dashboard.Api;

/// <summary>
/// The last tick built for each node, shared by every open page: a tick younger than the maximum age is sent as it is, and
/// only one request builds a new one at a time (the others wait for it), so ten open pages cost the node what one does.
/// </summary>
internal sealed class TickCache(TimeSpan maxAge)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string node, Func<CancellationToken, Task<string>> build, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(node, static _ => new Entry());
        if (entry.FreshText(maxAge) is { } fresh)
        {
            return fresh;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.FreshText(maxAge) is { } built)
            {
                return built; // another page built it while this one waited
            }

            var text = await build(cancellationToken).ConfigureAwait(false);
            entry.Set(text);
            return text;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private sealed class Entry
    {
        private Built? _last;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? FreshText(TimeSpan maxAge) =>
            Volatile.Read(ref _last) is { } last && Stopwatch.GetElapsedTime(last.At) < maxAge ? last.Text : null;

        public void Set(string text) => Volatile.Write(ref _last, new Built(text, Stopwatch.GetTimestamp()));
    }

    private sealed record Built(string Text, long At);
}
