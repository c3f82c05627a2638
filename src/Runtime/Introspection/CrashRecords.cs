using System;

namespace Arbor.Introspection;

/// <summary>Builds crash-log entries from runtime objects; rendering the reason is guarded (a user exception's text may throw).</summary>
internal static class CrashRecords
{
    public static CrashRecord Crashed(Process process, ExitReason reason) => new(
        DateTimeOffset.UtcNow,
        CrashKind.ProcessCrashed,
        process.Pid,
        process.RegisteredName,
        process.Behavior?.GetType().Name,
        Pid.None,
        null,
        Render(reason));

    public static CrashRecord FromSupervisor(CrashKind kind, Process supervisor, ChildRecord child, Pid pid, string reason) => new(
        DateTimeOffset.UtcNow,
        kind,
        pid,
        pid.Process?.RegisteredName,
        pid.Process?.Behavior?.GetType().Name,
        supervisor.Pid,
        child.Id,
        reason);

    public static string Render(ExitReason reason) => GuardedText.Of(reason);
}
