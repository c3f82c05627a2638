using System;

namespace Arbor;

/// <summary>What kind of reason an <see cref="ExitReason"/> is.</summary>
public enum ExitKind
{
    /// <summary>The process finished its work (<c>normal</c>): links are not affected, nothing is logged.</summary>
    Normal,

    /// <summary>An orderly stop requested by a supervisor or owner (<c>shutdown</c> or <c>{shutdown, Detail}</c>): nothing is logged.</summary>
    Shutdown,

    /// <summary>The untrappable kill signal (<c>kill</c>); a process that receives it exits with <see cref="Killed"/>.</summary>
    Kill,

    /// <summary>The process was killed by a <see cref="Kill"/> signal (<c>killed</c>).</summary>
    Killed,

    /// <summary>The process did not exist (<c>noproc</c>).</summary>
    NoProc,

    /// <summary>A handler threw: the reason carries the exception.</summary>
    Crash,

    /// <summary>Any other reason term given to <c>Stop</c> or <c>Exit</c>.</summary>
    Other,

    /// <summary>The connection to the process's node was lost (<c>noconnection</c>); see <c>docs/distribution.md</c>.</summary>
    NoConnection,
}

/// <summary>
/// Why a process exited, or the reason carried by an exit signal. Immutable; the well-known reasons are singletons.
/// </summary>
public sealed class ExitReason : IEquatable<ExitReason>
{
    private ExitReason(ExitKind kind, object? detail, Exception? exception)
    {
        Kind = kind;
        Detail = detail;
        Exception = exception;
    }

    /// <summary><c>normal</c>.</summary>
    public static ExitReason Normal { get; } = new(ExitKind.Normal, null, null);

    /// <summary><c>shutdown</c>.</summary>
    public static ExitReason Shutdown { get; } = new(ExitKind.Shutdown, null, null);

    /// <summary><c>kill</c>: as an exit signal it cannot be trapped.</summary>
    public static ExitReason Kill { get; } = new(ExitKind.Kill, null, null);

    /// <summary><c>killed</c>: the reason of a process that received <see cref="Kill"/>.</summary>
    public static ExitReason Killed { get; } = new(ExitKind.Killed, null, null);

    /// <summary><c>noproc</c>: the process did not exist.</summary>
    public static ExitReason NoProc { get; } = new(ExitKind.NoProc, null, null);

    /// <summary>
    /// <c>mailbox_overflow</c>: the process was killed because its mailbox passed its limit
    /// (<see cref="StartOptions.MaxMailboxLength"/>). Not orderly: a supervisor restarts a permanent or transient child.
    /// </summary>
    public static ExitReason MailboxOverflow { get; } = new(ExitKind.Other, "mailbox_overflow", null);

    /// <summary><c>timeout</c>: why a start fails when init overran <see cref="StartOptions.Timeout"/> (the process itself is killed).</summary>
    public static ExitReason StartTimeout { get; } = new(ExitKind.Other, "timeout", null);

    /// <summary><c>noconnection</c>: the node of a linked or monitored remote process became unreachable.</summary>
    public static ExitReason NoConnection { get; } = new(ExitKind.NoConnection, null, null);

    /// <summary><c>{shutdown, Detail}</c>: an orderly stop that carries a detail; treated like <see cref="Shutdown"/>.</summary>
    public static ExitReason ShutdownWith(object detail) =>
        new(ExitKind.Shutdown, detail ?? throw new ArgumentNullException(nameof(detail)), null);

    /// <summary>A crash caused by <paramref name="exception"/>.</summary>
    public static ExitReason Crash(Exception exception) =>
        new(ExitKind.Crash, null, exception ?? throw new ArgumentNullException(nameof(exception)));

    /// <summary>Any other reason term (compared by <see cref="object.Equals(object)"/>).</summary>
    public static ExitReason Other(object term) =>
        new(ExitKind.Other, term ?? throw new ArgumentNullException(nameof(term)), null);

    /// <summary>The kind of reason.</summary>
    public ExitKind Kind { get; }

    /// <summary>The detail of <c>{shutdown, Detail}</c> or the term of an <see cref="ExitKind.Other"/> reason.</summary>
    public object? Detail { get; }

    /// <summary>The exception of a <see cref="ExitKind.Crash"/>.</summary>
    public Exception? Exception { get; }

    /// <summary>True for <c>normal</c>.</summary>
    public bool IsNormal => Kind == ExitKind.Normal;

    /// <summary>True for <c>shutdown</c> and <c>{shutdown, Detail}</c>.</summary>
    public bool IsShutdown => Kind == ExitKind.Shutdown;

    /// <summary>
    /// True for <c>normal</c>, <c>shutdown</c> and <c>{shutdown, Detail}</c>: the reasons a transient child is not
    /// restarted for and that produce no crash report.
    /// </summary>
    public bool IsOrderly => Kind is ExitKind.Normal or ExitKind.Shutdown;

    /// <inheritdoc/>
    public bool Equals(ExitReason? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (Kind == other.Kind && Equals(Detail, other.Detail) && ReferenceEquals(Exception, other.Exception)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExitReason);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Detail, Exception);

    /// <summary>
    /// Erlang-style rendering: <c>normal</c>, <c>{shutdown,Detail}</c>, <c>killed</c>, or the exception type and message.
    /// Never throws: a detail's <c>ToString</c> or an exception's <c>Message</c> that throws renders as a placeholder
    /// naming the exception type, and long renderings are truncated with a marker.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ExitKind.Normal => "normal",
        ExitKind.Shutdown => Detail is null ? "shutdown" : $"{{shutdown,{GuardedText.Of(Detail)}}}",
        ExitKind.Kill => "kill",
        ExitKind.Killed => "killed",
        ExitKind.NoProc => "noproc",
        ExitKind.NoConnection => "noconnection",
        ExitKind.Crash => GuardedText.ExceptionSummary(Exception!),
        _ => Detail is null ? "other" : GuardedText.Of(Detail),
    };
}
