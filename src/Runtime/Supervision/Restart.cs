namespace Arbor;

/// <summary>When a supervisor restarts a child (OTP restart type).</summary>
public enum Restart
{
    /// <summary>Always restarted.</summary>
    Permanent,

    /// <summary>Restarted only after an abnormal exit (not <c>normal</c>, <c>shutdown</c> or <c>{shutdown, _}</c>).</summary>
    Transient,

    /// <summary>Never restarted; its spec is dropped when it exits for any reason.</summary>
    Temporary,
}
