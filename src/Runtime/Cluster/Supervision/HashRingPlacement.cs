using System;
using System.Collections.Generic;
using System.Text;

namespace Arbor.Cluster;

/// <summary>
/// The default placement: a consistent hash ring with virtual points per node, so children spread uniformly and a
/// member joining or leaving moves only the children of the ring arcs it takes or gives up. The hash (64-bit FNV-1a of
/// the UTF-8 text) is stable across processes and machines, as every node must compute the same ring.
/// </summary>
public sealed class HashRingPlacement : IPlacement
{
    private readonly int _pointsPerNode;

    /// <summary>Creates the ring.</summary>
    /// <param name="pointsPerNode">Virtual points per node (more: smoother spread); 64 by default.</param>
    public HashRingPlacement(int pointsPerNode = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerNode, 1);
        _pointsPerNode = pointsPerNode;
    }

    /// <inheritdoc/>
    public string Place(string childId, IReadOnlyList<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(childId);
        if (nodes is null || nodes.Count == 0)
        {
            throw new ArgumentException("There is no node to place a child on.", nameof(nodes));
        }

        var key = Hash(childId);
        string? best = null;
        var bestDistance = ulong.MaxValue;
        foreach (var node in nodes)
        {
            for (var point = 0; point < _pointsPerNode; point++)
            {
                // The first point clockwise from the key owns it: the smallest distance key -> point, wrapping around.
                var distance = Hash(node + "#" + point) - key;
                if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(node, best) < 0))
                {
                    bestDistance = distance;
                    best = node;
                }
            }
        }

        return best!;
    }

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        // FNV's low bits mix poorly for short similar strings: finish with a 64-bit avalanche (splitmix64's).
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}
