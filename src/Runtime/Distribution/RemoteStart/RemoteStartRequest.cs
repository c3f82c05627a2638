using System;
using System.Collections.Generic;
using Arbor.Distribution.Terms.Mapping;

namespace Arbor.Distribution.RemoteStart;

/// <summary>
/// What a remote start asks for, handed to the factory registered with
/// <see cref="ArborNode.AllowRemoteStart(string, Func{RemoteStartRequest, GenServer})"/>. The factory runs inside the
/// new process as its init: reading an argument that is missing or of another type throws, which fails the start
/// (the requester gets <c>init_failed</c>) and leaves nothing running.
/// </summary>
public sealed class RemoteStartRequest
{
    internal RemoteStartRequest(string name, string fromNode, Pid parent, IReadOnlyList<object> arguments)
    {
        Name = name;
        FromNode = fromNode;
        Parent = parent;
        Arguments = arguments;
    }

    /// <summary>The startable name that was asked for.</summary>
    public string Name { get; }

    /// <summary>The node that asked (<c>alive@host</c>).</summary>
    public string FromNode { get; }

    /// <summary>The requesting process on that node (the supervisor, for a supervised remote child).</summary>
    public Pid Parent { get; }

    /// <summary>The start arguments as Erlang terms (integers are <see cref="long"/>, strings UTF-8 <see cref="byte"/> arrays, pids <see cref="Pid"/>s).</summary>
    public IReadOnlyList<object> Arguments { get; }

    /// <summary>Argument <paramref name="index"/> as an <see cref="int"/>.</summary>
    /// <exception cref="ArgumentException">The argument is missing or not an integer in range.</exception>
    public int Int32(int index) => TermDecoding.TryInt32(At(index), out var value) ? value : throw Mismatch(index, "an int");

    /// <summary>Argument <paramref name="index"/> as a <see cref="long"/>.</summary>
    /// <exception cref="ArgumentException">The argument is missing or not an integer in range.</exception>
    public long Int64(int index) => TermDecoding.TryInt64(At(index), out var value) ? value : throw Mismatch(index, "a long");

    /// <summary>Argument <paramref name="index"/> as a <see cref="double"/> (an Erlang float).</summary>
    /// <exception cref="ArgumentException">The argument is missing or not a float.</exception>
    public double Double(int index) => TermDecoding.TryDouble(At(index), out var value) ? value : throw Mismatch(index, "a float");

    /// <summary>Argument <paramref name="index"/> as a <see cref="bool"/> (<c>true</c>/<c>false</c>).</summary>
    /// <exception cref="ArgumentException">The argument is missing or not a boolean.</exception>
    public bool Boolean(int index) => TermDecoding.TryBoolean(At(index), out var value) ? value : throw Mismatch(index, "a boolean");

    /// <summary>Argument <paramref name="index"/> as a <see cref="string"/> (a UTF-8 binary, an Elixir string).</summary>
    /// <exception cref="ArgumentException">The argument is missing or not a UTF-8 binary.</exception>
    public string String(int index) => TermDecoding.TryString(At(index), out var value) ? value : throw Mismatch(index, "a string");

    /// <summary>Argument <paramref name="index"/> as a <see cref="Pid"/>.</summary>
    /// <exception cref="ArgumentException">The argument is missing or not a pid.</exception>
    public Pid Pid(int index) => TermDecoding.TryPid(At(index), out var value) ? value : throw Mismatch(index, "a pid");

    /// <inheritdoc/>
    public override string ToString() => $"remote start of '{Name}' from {FromNode} ({Arguments.Count} arguments)";

    private object At(int index) =>
        (uint)index < (uint)Arguments.Count
            ? Arguments[index]
            : throw new ArgumentException($"The remote start of '{Name}' from {FromNode} has {Arguments.Count} arguments; argument {index} is missing.", nameof(index));

    private ArgumentException Mismatch(int index, string expected) =>
        new($"Argument {index} of the remote start of '{Name}' from {FromNode} is not {expected}: {Arguments[index]}.", nameof(index));
}
