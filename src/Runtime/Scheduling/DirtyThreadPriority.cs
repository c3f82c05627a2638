namespace Arbor.Scheduling;

/// <summary>
/// Lowers the operating-system priority of a dirty scheduler thread, so that long work declared dirty gives way to
/// ordinary processes whenever both want a core (a Linux nice value of 10; below-normal priority on Windows; see
/// <see cref="ThreadNiceness"/>).
/// </summary>
internal static class DirtyThreadPriority
{
    public static void LowerCurrentThread() => ThreadNiceness.LowerCurrent();
}
