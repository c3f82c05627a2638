using System;

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

    /// <summary>
    /// Monitor the new process from the calling process before init runs (OTP <c>start_monitor</c>): the result carries
    /// the <see cref="StartResult.Monitor"/> reference, and a <see cref="Down"/> arrives when the process exits (also when
    /// init fails). Must be called from inside a process.
    /// </summary>
    public bool Monitor { get; init; }

    /// <summary>
    /// How long init may take (OTP's start <c>{timeout, T}</c>): a slower init is killed and the start fails with reason
    /// <c>timeout</c> (<see cref="ExitReason.StartTimeout"/>). Null (the default) waits as long as init takes.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The most messages the process's mailbox may hold (off when null, the default). When a send takes it past this
    /// limit the process is killed with <see cref="ExitReason.MailboxOverflow"/> and a crash report says so, so its
    /// supervisor restarts it with an empty mailbox (OTP's <c>max_heap_size</c> kill, for overload).
    /// </summary>
    public int? MaxMailboxLength { get; init; }
}
