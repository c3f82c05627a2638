using System.Collections.Generic;

namespace Arbor.Introspection;

/// <summary>
/// Keeps the first <c>offset + limit</c> processes of the sort order while the table is walked once (a bounded heap: the
/// work is the table's size times the log of the window, the memory the window's), so the first pages of 100,000
/// processes cost a walk and a few thousand comparisons rather than a full sort.
/// </summary>
internal sealed class ProcessWindow
{
    private readonly ProcessOrder _order;
    private readonly int _offset;
    private readonly int _keep;

    // The largest kept value (in the query's order) is at the top, so a better one replaces it.
    private readonly PriorityQueue<ProcessSortValue, ProcessSortValue> _kept;

    public ProcessWindow(ProcessOrder order, int offset, int limit)
    {
        _order = order;
        _offset = offset;
        _keep = (int)System.Math.Min((long)offset + limit, int.MaxValue);
        _kept = new PriorityQueue<ProcessSortValue, ProcessSortValue>(Comparer<ProcessSortValue>.Create((a, b) => order.Compare(b, a)));
    }

    /// <summary>Processes offered (the filter's matches), whether kept or not.</summary>
    public int Seen { get; private set; }

    public void Offer(ProcessSortValue value)
    {
        Seen++;
        if (_kept.Count < _keep)
        {
            _kept.Enqueue(value, value);
        }
        else if (_order.Compare(value, _kept.Peek()) < 0)
        {
            _kept.EnqueueDequeue(value, value);
        }
    }

    /// <summary>The window's processes in order (those after the offset).</summary>
    public List<Process> Page()
    {
        var sorted = new ProcessSortValue[_kept.Count];
        for (var i = sorted.Length - 1; i >= 0; i--)
        {
            sorted[i] = _kept.Dequeue();
        }

        var page = new List<Process>(System.Math.Max(0, sorted.Length - _offset));
        for (var i = _offset; i < sorted.Length; i++)
        {
            page.Add(sorted[i].Process);
        }

        return page;
    }
}
