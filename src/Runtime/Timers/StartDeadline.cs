namespace Arbor.Timers;

/// <summary>Kills a process whose init overran its <see cref="StartOptions.Timeout"/>; cancelled when init decides in time.</summary>
internal sealed class StartDeadline : TimerEntry
{
    private readonly Process _process;

    public StartDeadline(Process process) => _process = process;

    protected override void OnExpired() => _process.TimeOutStart();
}
