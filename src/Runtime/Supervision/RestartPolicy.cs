namespace Arbor;

/// <summary>OTP's rules for what a child's exit means, by restart type and exit reason.</summary>
internal static class RestartPolicy
{
    /// <summary>
    /// Permanent children are always restarted; transient ones unless the reason is <c>normal</c>, <c>shutdown</c> or
    /// <c>{shutdown, _}</c>; temporary ones never.
    /// </summary>
    public static bool ShouldRestart(Restart restart, ExitReason reason) => restart switch
    {
        Restart.Permanent => true,
        Restart.Transient => !reason.IsOrderly,
        _ => false,
    };

    /// <summary>OTP reports a permanent child's exit whatever the reason, and any other child's only when abnormal.</summary>
    public static bool IsReported(Restart restart, ExitReason reason) => restart == Restart.Permanent || !reason.IsOrderly;

    /// <summary>
    /// Whether a child stopped by its supervisor exited as expected (OTP <c>shutdown/2</c>): with <c>killed</c> for a
    /// brutal kill and <c>shutdown</c> otherwise; a child that is not permanent may also have exited normally or with
    /// <c>{shutdown, _}</c> on its own. Anything else is reported as a shutdown error.
    /// </summary>
    public static bool IsExpectedShutdown(ChildSpec spec, ExitReason reason, bool brutalKill)
    {
        if (brutalKill ? reason.Kind == ExitKind.Killed : reason.Kind == ExitKind.Shutdown && reason.Detail is null)
        {
            return true;
        }

        return spec.Restart != Restart.Permanent && reason.IsOrderly;
    }
}
