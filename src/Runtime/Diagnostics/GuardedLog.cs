using System;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>
/// How the runtime writes to <see cref="ILogger"/>: a logging provider is user code, and one that throws (a full disk,
/// a closed pipe) must lose its entry, never the runtime thread that wrote it or the exit sequence it was part of.
/// </summary>
internal static class GuardedLog
{
    /// <summary><see cref="ILogger.IsEnabled"/>, false if the provider throws.</summary>
    public static bool IsEnabled(ILogger logger, LogLevel level)
    {
        try
        {
            return logger.IsEnabled(level);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Runs one log write; false if the provider threw (the entry is lost, the caller carries on).</summary>
    public static bool TryWrite(Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
