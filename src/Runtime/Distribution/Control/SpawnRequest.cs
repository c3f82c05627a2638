using System;
using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Control;

/// <summary>
/// A SPAWN_REQUEST from a peer, checked: <c>{29, ReqId, From, GroupLeader, {Module, Function, Arity}, OptList}</c>
/// (SPAWN_REQUEST_TT adds a trace token) followed by the argument list. The shape is the peer's problem (a malformed
/// request closes the connection, as any malformed control message); what it asks for is the node's decision (an
/// unknown name or option gets an error reply).
/// </summary>
internal sealed class SpawnRequest
{
    private SpawnRequest(ErlangReference id, ErlangPid from, Atom module, Atom function, long arity, IReadOnlyList<object> arguments)
    {
        Id = id;
        From = from;
        Module = module;
        Function = function;
        Arity = arity;
        Arguments = arguments;
    }

    /// <summary>The request id; with the monitor option it is also the monitor's reference.</summary>
    public ErlangReference Id { get; }

    /// <summary>The parent: the process the reply goes to, linked or monitoring when asked.</summary>
    public ErlangPid From { get; }

    public Atom Module { get; }

    public Atom Function { get; }

    public long Arity { get; }

    public IReadOnlyList<object> Arguments { get; }

    public bool Link { get; private set; }

    public bool Monitor { get; private set; }

    /// <summary>The first option not understood, or null.</summary>
    public object? BadOption { get; private set; }

    /// <summary>Reads a request; throws <see cref="ArgumentException"/> naming what is malformed.</summary>
    public static SpawnRequest Parse(ErlangTuple control, object? payload, bool traced)
    {
        var expected = traced ? 7 : 6;
        if (control.Count != expected)
        {
            throw new ArgumentException($"a spawn request has {expected} elements, got {control.Count}");
        }

        if (control[1] is not ErlangReference id || control[2] is not ErlangPid from)
        {
            throw new ArgumentException("a spawn request starts with a reference and the parent's pid");
        }

        if (control[4] is not ErlangTuple { Count: 3 } mfa || mfa[0] is not Atom module || mfa[1] is not Atom function || mfa[2] is not long arity)
        {
            throw new ArgumentException("a spawn request names {Module, Function, Arity}");
        }

        if (control[5] is not ErlangList { IsProper: true } options)
        {
            throw new ArgumentException("a spawn request's options are a proper list");
        }

        var arguments = payload switch
        {
            ErlangList { IsProper: true } list => list.Elements,
            _ => throw new ArgumentException("a spawn request's arguments are a proper list"),
        };

        var request = new SpawnRequest(id, from, module, function, arity, arguments);
        foreach (var option in options.Elements)
        {
            request.Accept(option);
        }

        return request;
    }

    private void Accept(object option)
    {
        if (option is Atom atom && atom == SpawnAtoms.Link)
        {
            Link = true;
        }
        else if (option is Atom plain && plain == SpawnAtoms.Monitor)
        {
            Monitor = true;
        }
        else if (option is ErlangTuple { Count: 2 } tuple && tuple[0] is Atom key && key == SpawnAtoms.Monitor && tuple[1] is ErlangList)
        {
            Monitor = true; // monitor options (alias, tag) concern only the parent's node
        }
        else if (option is ErlangTuple { Count: 2 } tuning && tuning[0] is Atom name && Array.IndexOf(SpawnAtoms.IgnoredTuning, name) >= 0)
        {
            // Heap and priority tuning of a BEAM process: nothing to apply to a .NET one.
        }
        else
        {
            BadOption ??= option;
        }
    }
}
