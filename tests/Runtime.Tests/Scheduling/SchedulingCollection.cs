namespace Arbor.Runtime.Tests.Scheduling;

/// <summary>
/// Tests that hold thread-pool threads on purpose (and see the process-wide pool compensation) run alone, so they
/// neither slow the rest of the suite nor see its turns.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulingCollection
{
    public const string Name = "Scheduling";
}
