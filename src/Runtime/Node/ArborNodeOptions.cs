using System;
using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>Settings of an <see cref="ArborNode"/>.</summary>
public sealed class ArborNodeOptions
{
    /// <summary>Where crash reports and supervisor reports go; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How much of a crashed process's last message and state crash reports show; <see cref="CrashReportDetail.Full"/> by default.</summary>
    public CrashReportDetail CrashReportDetail { get; init; } = CrashReportDetail.Full;

    /// <summary>
    /// How long <see cref="ArborNode.DisposeAsync"/> lets processes stop with <c>shutdown</c> (running terminate, a
    /// supervisor stopping its children) before it kills those still running; 5 seconds by default.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
