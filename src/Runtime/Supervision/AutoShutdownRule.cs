namespace Arbor;

/// <summary>OTP's auto-shutdown decision, taken after a child exited on its own and was not restarted.</summary>
internal static class AutoShutdownRule
{
    /// <summary>
    /// True when the supervisor should shut down: the exited child is significant and either any significant exit
    /// suffices, or no significant child is left with a process (a child being restarted still counts as present).
    /// </summary>
    public static bool ShouldShutDown(AutoShutdown mode, ChildRecord exited, ChildTable children)
    {
        if (!exited.Spec.Significant)
        {
            return false;
        }

        switch (mode)
        {
            case AutoShutdown.AnySignificant:
                return true;
            case AutoShutdown.AllSignificant:
                foreach (var child in children.InStartOrder)
                {
                    if (child.Spec.Significant && child.State != ChildState.NotRunning)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
