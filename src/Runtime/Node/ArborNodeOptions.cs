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
    /// The node's name (<c>alive@host</c>, or just <c>alive</c> for this host); setting it makes the node distributed.
    /// Null (default): a node that does not take part in distribution.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The shared secret peers must know; null reads <c>~/.erlang.cookie</c> (creating it if missing), as <c>erl</c> does.</summary>
    public string? Cookie { get; init; }

    /// <summary>Ports, EPMD, hidden mode, ticks and limits of a distributed node.</summary>
    public Arbor.Distribution.DistributionOptions Distribution { get; init; } = new();
}
