using System;
using System.Net;

namespace Arbor.Distribution.Nodes;

/// <summary>
/// A node's name, <c>alive@host</c> as in Erlang. A short name's host has no dots (<c>-sname</c>); a long name's host
/// is a fully qualified name or an IP address (<c>-name</c>). Erlang nodes only connect to nodes of the same kind.
/// </summary>
public sealed class NodeName : IEquatable<NodeName>
{
    /// <summary>The longest name a node can have (the atom limit of the distribution protocol).</summary>
    public const int MaxLength = 255;

    private NodeName(string alive, string host)
    {
        Alive = alive;
        Host = host;
        Full = alive + "@" + host; // built once: the send path compares against it per message
    }

    /// <summary>The part before the <c>@</c>: what EPMD registers.</summary>
    public string Alive { get; }

    /// <summary>The part after the <c>@</c>.</summary>
    public string Host { get; }

    /// <summary>The full name, <c>alive@host</c>.</summary>
    public string Full { get; }

    /// <summary>True for a long name (the host contains a dot).</summary>
    public bool IsLong => Host.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// Parses <paramref name="name"/>. A name without <c>@</c> gets this machine's host name: the short host name, or
    /// the fully qualified one when <paramref name="longNames"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or has an empty or invalid part.</exception>
    public static NodeName Parse(string name, bool longNames = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var at = name.IndexOf('@', StringComparison.Ordinal);
        string alive;
        string host;
        if (at < 0)
        {
            alive = name;
            host = LocalHost(longNames);
        }
        else
        {
            alive = name[..at];
            host = name[(at + 1)..];
        }

        if (alive.Length == 0 || host.Length == 0 || host.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Node name '{name}' must have the form alive@host with both parts non-empty.", nameof(name));
        }

        foreach (var c in alive)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new ArgumentException($"Node name '{name}': the part before '@' may hold only ASCII letters, digits, '_' and '-'.", nameof(name));
            }
        }

        var parsed = new NodeName(alive, host);
        if (parsed.Full.Length > MaxLength)
        {
            throw new ArgumentException($"Node name '{name}' is longer than {MaxLength} characters.", nameof(name));
        }

        return parsed;
    }

    /// <summary>This machine's host name, short (up to the first dot) or fully qualified.</summary>
    public static string LocalHost(bool longNames)
    {
        var host = Dns.GetHostName();
        if (longNames)
        {
            return host.Contains('.', StringComparison.Ordinal) ? host : "127.0.0.1";
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? host : host[..dot];
    }

    /// <inheritdoc/>
    public bool Equals(NodeName? other) => other is not null && string.Equals(Full, other.Full, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NodeName);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Full);

    /// <inheritdoc/>
    public override string ToString() => Full;
}
