namespace Arbor;

/// <summary>
/// The info message a GenServer receives when its <see cref="GenServer.IdleTimeout"/> elapses with no message
/// (OTP's <c>timeout</c> message). It arrives again after every further idle period until the timeout is cleared.
/// </summary>
public sealed class IdleTimeout
{
    private IdleTimeout()
    {
    }

    /// <summary>The single instance.</summary>
    public static IdleTimeout Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "timeout";
}
