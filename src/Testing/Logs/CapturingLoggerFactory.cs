using System;
using Microsoft.Extensions.Logging;

namespace Arbor.Testing;

/// <summary>The logger factory an <see cref="ArborTestNode"/> gives its node: every logger writes to one <see cref="LogCapture"/>.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly LogCapture _capture;

    public CapturingLoggerFactory(LogCapture capture) => _capture = capture;

    public ILogger CreateLogger(string categoryName) => _capture.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The test node's logger factory only captures; to log elsewhere as well, set ArborTestNodeOptions.LogOutput.");

    public void Dispose()
    {
    }
}
