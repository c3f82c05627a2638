using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Arbor.Benchmarks.Distribution;

/// <summary>
/// Counts the runtime's allocation samples (GCAllocationTick, one per ~100 KB allocated) by type, to see what a remote
/// workload allocates. Enabled by <c>ARBOR_BENCH_ALLOCS=1</c>; printed to stderr.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void StopAndPrint(string label)
    {
        _recording = false;
        var total = _bytes.Values.Sum();
        Console.Error.WriteLine($"{label}: allocation samples by type (share of sampled bytes)");
        foreach (var (type, bytes) in _bytes.OrderByDescending(pair => pair.Value).Take(15))
        {
            Console.Error.WriteLine($"  {100.0 * bytes / Math.Max(total, 1),5:0.0}%  {type}");
        }

        _bytes.Clear();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
        var type = typeIndex >= 0 ? eventData.Payload[typeIndex] as string ?? "?" : "?";
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 1;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
