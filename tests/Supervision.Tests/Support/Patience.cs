using System;
using System.Threading.Tasks;

namespace Arbor.Supervision.Tests.Support;

/// <summary>Upper bounds on waits: guards against a hang, never a stand-in for synchronisation.</summary>
internal static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Limit);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Limit);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-checking as fast as the runtime lets it. For state that is
    /// published a moment after the event a test can await (a process is counted as gone just after its exit completes).
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Yield();
        }
    }
}
