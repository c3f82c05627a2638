using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// Waits until every process of a node is quiet: nothing running, scheduled or waiting in a mailbox. Virtual time is
/// advanced only then, so a timer a process sets as it goes idle (an idle timeout) is set before the clock moves, and
/// everything a fired timer caused has been handled before the test looks.
/// </summary>
/// <remarks>
/// The runtime has no event for "the node went quiet", so this looks again after each yield, bounded by a deadline of
/// real time; it is a condition being waited for, never a sleep standing in for one.
/// </remarks>
internal static class Quiescence
{
    /// <summary>
    /// Quiet three times in a row, a millisecond apart: work in flight outside any process (a completed start or call
    /// whose continuation is queued on the thread pool but has not yet woken its process) shows up by then. A heuristic,
    /// not a proof: the runtime has no count of such hand-offs yet.
    /// </summary>
    private const int QuietLooksNeeded = 3;

    public static async Task WaitAsync(ArborNode node, TimeSpan timeout)
    {
        var limit = Stopwatch.StartNew();
        var quietLooks = 0;
        var looks = 0;
        while (true)
        {
            var busy = node.FirstBusyProcess();
            if (busy is null)
            {
                if (++quietLooks >= QuietLooksNeeded)
                {
                    return;
                }

                await Task.Delay(1).ConfigureAwait(false);
                continue;
            }
            else
            {
                quietLooks = 0;
                if (limit.Elapsed > timeout)
                {
                    throw new ExpectationFailedException(
                        $"The node did not settle within {Render.Seconds(timeout)}: {busy} ({Describe(node, busy.Value)}) still had work to do. " +
                        "A process that keeps sending itself messages never settles; give it a timer instead.");
                }
            }

            // Yield first (cheap, lets the pool run the work just queued); on a loaded machine, give up the thread briefly.
            if (++looks % 16 == 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    private static string Describe(ArborNode node, Pid pid)
    {
        foreach (var (live, type) in node.DescribeLiveProcesses())
        {
            if (live == pid)
            {
                return type;
            }
        }

        return "exited";
    }
}
