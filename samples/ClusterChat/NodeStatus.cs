using System;
using System.Collections.Generic;

namespace ClusterChat;

/// <summary>
/// What a member reports on its standard output: the rooms running on it, the members it sees and its chatters' post
/// counts (delivered, and failed while a room was between nodes). One line: <c>status NODE rooms=a,b members=x,y delivered=N failed=M</c>.
/// </summary>
public sealed record NodeStatus(string Node, IReadOnlyList<string> Rooms, IReadOnlyList<string> Members, long Delivered, long Failed)
{
    public string Format() =>
        $"{ClusterNode.StatusPrefix}{Node} rooms={string.Join(',', Rooms)} members={string.Join(',', Members)} delivered={Delivered} failed={Failed}";

    /// <summary>Reads a line written by <see cref="Format"/>; null for any other line.</summary>
    public static NodeStatus? TryParse(string line)
    {
        if (!line.StartsWith(ClusterNode.StatusPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line[ClusterNode.StatusPrefix.Length..].Split(' ');
        if (parts.Length != 5)
        {
            return null;
        }

        string Field(int i, string key) =>
            parts[i].StartsWith(key + "=", StringComparison.Ordinal) ? parts[i][(key.Length + 1)..] : throw new FormatException($"'{key}=' expected in: {line}");

        static string[] List(string value) => value.Length == 0 ? [] : value.Split(',');

        return new NodeStatus(parts[0], List(Field(1, "rooms")), List(Field(2, "members")), long.Parse(Field(3, "delivered")), long.Parse(Field(4, "failed")));
    }
}
