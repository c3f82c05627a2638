namespace Arbor.Distribution.Control;

/// <summary>The Flags field of SPAWN_REPLY: what the spawning node set up for the parent along with the new process.</summary>
internal static class SpawnReplyFlags
{
    /// <summary>The new process is linked to the parent.</summary>
    public const int Link = 1;

    /// <summary>The parent monitors the new process; the monitor's reference is the request id.</summary>
    public const int Monitor = 2;
}
