namespace Arbor;

/// <summary>Options for starting a process.</summary>
public sealed class StartOptions
{
    /// <summary>Shared default: anonymous, unlinked.</summary>
    internal static readonly StartOptions Default = new();

    /// <summary>Register the process under this unique local name before init runs; if it is taken the start returns <see cref="StartStatus.AlreadyStarted"/> and nothing runs.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Link the new process to the calling process before init runs (OTP <c>start_link</c>); the caller becomes its
    /// parent. Must be called from inside a process.
    /// </summary>
    public bool Link { get; init; }
}
