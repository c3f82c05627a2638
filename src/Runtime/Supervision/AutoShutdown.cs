namespace Arbor;

/// <summary>
/// Whether a supervisor stops by itself when its significant children exit (OTP <c>auto_shutdown</c>). Only an exit the
/// child makes on its own counts: one that is not followed by a restart (a transient child stopping normally, a
/// temporary child stopping for any reason). Terminating a child through the supervisor never triggers it.
/// </summary>
public enum AutoShutdown
{
    /// <summary>Never (the default); children may not be marked significant.</summary>
    Never,

    /// <summary>The supervisor shuts down as soon as any significant child has exited.</summary>
    AnySignificant,

    /// <summary>The supervisor shuts down once every significant child has exited.</summary>
    AllSignificant,
}
