using System;

namespace Arbor;

/// <summary>A server received a call, cast or continue it has no handler for; the server crashes with this reason.</summary>
public sealed class UnexpectedMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnexpectedMessageException(Type server, string kind, object message)
        : base($"{server.FullName} has no handler for the {kind} {GuardedText.Of(message)} ({message.GetType().FullName}).")
    {
        Server = server;
        Kind = kind;
        MessageType = message.GetType();
    }

    /// <summary>The server type.</summary>
    public Type Server { get; }

    /// <summary>"call", "cast" or "continue".</summary>
    public string Kind { get; }

    /// <summary>The unhandled message type.</summary>
    public Type MessageType { get; }
}
