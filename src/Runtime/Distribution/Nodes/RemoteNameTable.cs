using System;
using System.Collections.Generic;
using System.Threading;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Nodes;

/// <summary>
/// Names registered on other nodes that local code addresses as <c>{Name, Node}</c> through a <see cref="Pid"/>
/// (<see cref="ArborNode.Whereis(string, string)"/>): such a pid carries its remote node's id and, as a negative
/// <see cref="Pid.Id"/>, the index of its name here. Shared by every node in the operating-system process and bounded,
/// like <see cref="RemoteNodeTable"/>; only local code adds names (nothing from the wire does).
/// </summary>
internal static class RemoteNameTable
{
    /// <summary>Distinct remote names this process will address.</summary>
    public const int Capacity = 1 << 16;

    private static readonly object s_gate = new();
    private static readonly Dictionary<Atom, int> s_byName = new();
    private static Atom[] s_byIndex = new Atom[16];
    private static int s_count;

    /// <summary>The index of <paramref name="name"/>, added on first use.</summary>
    /// <exception cref="InvalidOperationException">The table is full.</exception>
    public static int IndexOf(Atom name)
    {
        lock (s_gate)
        {
            if (s_byName.TryGetValue(name, out var known))
            {
                return known;
            }

            if (s_count >= Capacity)
            {
                throw new InvalidOperationException($"Too many distinct remote registered names ({Capacity}) addressed from this process.");
            }

            var index = s_count + 1;
            if (index >= s_byIndex.Length)
            {
                Array.Resize(ref s_byIndex, s_byIndex.Length * 2);
            }

            s_byIndex[index] = name;
            s_byName[name] = index;
            Volatile.Write(ref s_count, index); // published after the entry: Get reads without the lock
            return index;
        }
    }

    /// <summary>The name behind an index from <see cref="IndexOf"/>.</summary>
    /// <remarks>Lock-free, as <see cref="RemoteNodeTable.Get"/>.</remarks>
    public static Atom Get(int index)
    {
        var count = Volatile.Read(ref s_count);
        var entries = Volatile.Read(ref s_byIndex);
        return index > 0 && index <= count
            ? entries[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, "Not a remote name index.");
    }
}
