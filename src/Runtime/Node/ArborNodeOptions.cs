using Microsoft.Extensions.Logging;

namespace Arbor;

/// <summary>Settings of an <see cref="ArborNode"/>.</summary>
public sealed class ArborNodeOptions
{
    /// <summary>Where crash reports and supervisor reports go; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How much of a crashed process's last message and state crash reports show; <see cref="CrashReportDetail.Full"/> by default.</summary>
    public CrashReportDetail CrashReportDetail { get; init; } = CrashReportDetail.Full;
}
