using System.Collections.Generic;
using System.Collections.Immutable;
using Arbor.Distribution.Terms;

namespace Arbor.Cluster.Groups;

/// <summary>
/// An immutable snapshot of a scope's groups, published by the scope process after every change so reads are local and
/// lock-free (pg's ETS table). Groups compare as Erlang terms: the C# string "room" and the binary <c>&lt;&lt;"room"&gt;&gt;</c> are one group.
/// </summary>
internal sealed class GroupView
{
    public static readonly GroupView Empty = new(
        ImmutableDictionary.Create<object, ImmutableArray<Pid>>(TermEqualityComparer.Default),
        ImmutableDictionary.Create<object, ImmutableArray<Pid>>(TermEqualityComparer.Default));

    public GroupView(ImmutableDictionary<object, ImmutableArray<Pid>> all, ImmutableDictionary<object, ImmutableArray<Pid>> local)
    {
        All = all;
        Local = local;
    }

    public ImmutableDictionary<object, ImmutableArray<Pid>> All { get; }

    public ImmutableDictionary<object, ImmutableArray<Pid>> Local { get; }

    public static IReadOnlyList<Pid> Read(ImmutableDictionary<object, ImmutableArray<Pid>> groups, object group) =>
        groups.TryGetValue(group, out var pids) ? pids : ImmutableArray<Pid>.Empty;
}
