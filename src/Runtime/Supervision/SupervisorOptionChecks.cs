using System;

namespace Arbor;

/// <summary>Option checks shared by static and dynamic supervisors.</summary>
internal static class SupervisorOptionChecks
{
    public static void CheckIntensity(int maxRestarts, TimeSpan within)
    {
        if (maxRestarts < 0)
        {
            throw new InvalidSupervisorOptionsException("MaxRestarts", $"{maxRestarts} is negative; use 0 for a supervisor that gives up at the first restart");
        }

        if (within <= TimeSpan.Zero)
        {
            throw new InvalidSupervisorOptionsException("Within", $"{within} is not a positive period");
        }
    }

    public static void CheckAutoShutdown(AutoShutdown autoShutdown)
    {
        if (!Enum.IsDefined(autoShutdown))
        {
            throw new InvalidSupervisorOptionsException("AutoShutdown", $"{(int)autoShutdown} is not never, any-significant or all-significant");
        }
    }

    public static void CheckName(string? name)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidSupervisorOptionsException("Name", "a registered name must not be empty or whitespace; use null for an anonymous supervisor");
        }
    }
}
