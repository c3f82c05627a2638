using System;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing;

/// <summary>Settings of an <see cref="ArborTestNode"/>.</summary>
public sealed class ArborTestNodeOptions
{
    /// <summary>The default wait of expectations: 3 seconds, long enough for a loaded CI machine, short enough to fail fast.</summary>
    public static readonly TimeSpan DefaultExpectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long probe and log expectations wait when given no timeout; <see cref="DefaultExpectTimeout"/> by default.</summary>
    public TimeSpan ExpectTimeout { get; init; } = DefaultExpectTimeout;

    /// <summary>
    /// Where to copy each log line as it is written (for example xunit's <c>ITestOutputHelper.WriteLine</c>), so a failing
    /// test shows the node's crash and supervisor reports; none by default.
    /// </summary>
    public Action<string>? LogOutput { get; init; }

    /// <summary>The lowest log level captured; <see cref="LogLevel.Debug"/> by default.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Debug;

    /// <summary>How much of a crashed process's last message and state crash reports show; <see cref="CrashReportDetail.Full"/> by default.</summary>
    public CrashReportDetail CrashReportDetail { get; init; } = CrashReportDetail.Full;

    /// <summary>
    /// Whether disposing the node fails with <see cref="LeakedProcessesException"/> when processes are still alive after
    /// everything the kit started has been stopped; true by default.
    /// </summary>
    public bool FailOnLeakedProcesses { get; init; } = true;

    /// <summary>
    /// Whether the node runs on a <see cref="Testing.VirtualTime"/> that only the test moves (with
    /// <see cref="ArborTestNode.AdvanceAsync"/>), so timeouts of an hour fire at once and deterministically; false (real
    /// time) by default.
    /// </summary>
    public bool VirtualTime { get; init; }

    /// <summary>
    /// How long the leak check waits without any process exiting before it calls what is still alive leaked; 1 second by
    /// default. Processes still exiting when the test ends (those linked to a stopped child, say) are waited for, exit by
    /// exit; only a test that really leaks pays this wait.
    /// </summary>
    public TimeSpan LeakQuietPeriod { get; init; } = TimeSpan.FromSeconds(1);
}
