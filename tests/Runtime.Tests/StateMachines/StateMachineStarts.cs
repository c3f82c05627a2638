using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor;
using Arbor.Runtime.Tests.Support;
using Arbor.StateMachines;

namespace Arbor.Runtime.Tests.StateMachines;

internal static class StateMachineStarts
{
    /// <summary>Starts a scripted machine and returns the start result, without requiring success.</summary>
    public static async Task<StartResult> TryStartAsync(ArborNode node, MachineScript script) =>
        await ScriptedMachine.TryStartAsync(node, script);

    /// <summary>Answers the call behind <paramref name="e"/>.</summary>
    public static void Answer(this ScriptedMachine machine, StateMachineEvent e, object? value) => machine.Answer((Ask)e.Content!, value);
}
