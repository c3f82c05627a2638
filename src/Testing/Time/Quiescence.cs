using System;
using System.Threading.Tasks;

namespace Arbor.Testing;

/// <summary>
/// Waits until a test node is quiescent: the runtime's exact count of in-flight work
/// (<see cref="Introspection.NodeIntrospection.WhenQuiescentAsync"/>) is zero — no process scheduled or running, no reply,
/// start result or handler continuation on its way to a process. Virtual time is advanced only then, so a timer a process
/// sets as it goes idle (an idle timeout) is set before the clock moves, and everything a fired timer caused has been
/// handled before the test looks.
/// </summary>
internal static class Quiescence
{
    public static async Task WaitAsync(ArborNode node, TimeSpan timeout)
    {
        try
        {
            await node.Introspection.WhenQuiescentAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new ExpectationFailedException(exception.Message, exception);
        }
    }
}
