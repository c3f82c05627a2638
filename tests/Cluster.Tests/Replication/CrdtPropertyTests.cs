using Arbor.Cluster.Replication;

namespace Arbor.Cluster.Tests.Replication;

/// <summary>
/// Seeded random operations on three replicas whose deltas are delivered in random order, duplicated, grouped and lost:
/// with every delta delivered (in any order) the replicas are equal; with losses, one round of full-state joins makes them
/// equal. And join is commutative, associative and idempotent on the states that arise. The seed is in the test name's
/// data, so a failure replays.
/// </summary>
public sealed class CrdtPropertyTests
{
    private static readonly string[] Replicas = ["a@h/1", "b@h/2", "c@h/3"];

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 17, 42, 99, 1234, 65_537 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pn_counter_replicas_converge_and_count_every_change(int seed)
    {
        long total = 0;
        var final = Converge<PNCounter>(seed, () =>
        {
            total = 0; // each schedule replays the same operations
            return (random, state, replica) =>
            {
                var amount = random.Next(-5, 10);
                total += amount;
                return state.IncrementDelta(replica, amount);
            };
        });
        Assert.Equal(total, final.Value);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Or_set_replicas_converge(int seed) =>
        Converge<ORSet<int>>(seed, () => (random, state, replica) => random.Next(3) switch
        {
            0 => state.RemoveDelta(random.Next(8)),
            1 when random.Next(4) == 0 => state.ClearDelta(),
            _ => state.AddDelta(replica, random.Next(8)),
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Lww_map_replicas_converge(int seed) =>
        Converge<LwwMap<string, int>>(seed, () => (random, state, replica) => random.Next(4) == 0
            ? state.RemoveDelta("k" + random.Next(6))
            : state.SetDelta(replica, "k" + random.Next(6), random.Next(1000), timestamp: random.Next(20))); // few timestamps: many ties

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Join_is_commutative_associative_and_idempotent(int seed)
    {
        Laws<ORSet<int>>(seed, (random, state, replica) => random.Next(3) == 0 ? state.RemoveDelta(random.Next(6)) : state.AddDelta(replica, random.Next(6)));
        Laws<LwwMap<string, int>>(seed, (random, state, replica) => random.Next(3) == 0
            ? state.RemoveDelta("k" + random.Next(5))
            : state.SetDelta(replica, "k" + random.Next(5), random.Next(100), random.Next(10)));
        Laws<PNCounter>(seed, (random, state, replica) => state.IncrementDelta(replica, random.Next(-3, 4)));
    }

    /// <summary>Runs the random schedule twice — without losses (deltas only) and with losses (then full states) — and returns the converged value.</summary>
    private static T Converge<T>(int seed, Func<Func<Random, T, string, T>> operation)
        where T : class, IDeltaCrdt<T>
    {
        var lossless = Schedule(seed, operation(), lossRate: 0, out _);
        AssertAllEqual(lossless, seed, "every delta delivered");

        var lossy = Schedule(seed, operation(), lossRate: 0.15, out var lost);
        Assert.True(lost > 0, $"seed {seed}: the lossy schedule lost nothing");
        for (var i = 0; i < lossy.Length; i++)
        {
            for (var j = 0; j < lossy.Length; j++)
            {
                lossy[i] = lossy[i].Join(lossy[j]);
            }
        }

        AssertAllEqual(lossy, seed, "after full-state sync");
        return lossy[0];
    }

    private static T[] Schedule<T>(int seed, Func<Random, T, string, T> operation, double lossRate, out int lost)
        where T : class, IDeltaCrdt<T>
    {
        var random = new Random(seed);
        var replicas = new[] { T.Empty, T.Empty, T.Empty };
        var inFlight = new List<(int To, T Delta)>();
        lost = 0;
        for (var step = 0; step < 400; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.5 || inFlight.Count == 0)
            {
                var from = random.Next(3);
                var delta = operation(random, replicas[from], Replicas[from]);
                replicas[from] = replicas[from].Join(delta);
                for (var to = 0; to < 3; to++)
                {
                    if (to == from)
                    {
                        continue;
                    }

                    if (random.NextDouble() < lossRate)
                    {
                        lost++;
                        continue;
                    }

                    inFlight.Add((to, delta));
                    if (random.Next(10) == 0)
                    {
                        inFlight.Add((to, delta)); // duplicated
                    }
                }
            }
            else if (roll < 0.6 && inFlight.Count >= 2)
            {
                // Two deltas for one replica travel as one delta-group.
                var first = random.Next(inFlight.Count);
                var second = inFlight.FindIndex(message => message.To == inFlight[first].To && !ReferenceEquals(message.Delta, inFlight[first].Delta));
                if (second >= 0)
                {
                    var group = (inFlight[first].To, inFlight[first].Delta.Join(inFlight[second].Delta));
                    inFlight.RemoveAt(Math.Max(first, second));
                    inFlight.RemoveAt(Math.Min(first, second));
                    inFlight.Add(group);
                }
            }
            else
            {
                Deliver(random, inFlight, replicas);
            }
        }

        while (inFlight.Count > 0)
        {
            Deliver(random, inFlight, replicas);
        }

        return replicas;
    }

    private static void Deliver<T>(Random random, List<(int To, T Delta)> inFlight, T[] replicas)
        where T : class, IDeltaCrdt<T>
    {
        var index = random.Next(inFlight.Count);
        var (to, delta) = inFlight[index];
        inFlight.RemoveAt(index);
        replicas[to] = replicas[to].Join(delta);
    }

    private static void AssertAllEqual<T>(T[] replicas, int seed, string when)
    {
        for (var i = 1; i < replicas.Length; i++)
        {
            Assert.True(replicas[0]!.Equals(replicas[i]), $"seed {seed}, {when}: replica 0 {replicas[0]} differs from replica {i} {replicas[i]}");
        }
    }

    private static void Laws<T>(int seed, Func<Random, T, string, T> operation)
        where T : class, IDeltaCrdt<T>
    {
        // Three replicas with partly shared histories: some deltas reach another replica, some do not.
        var random = new Random(seed);
        var states = new[] { T.Empty, T.Empty, T.Empty };
        for (var step = 0; step < 60; step++)
        {
            var from = random.Next(3);
            var delta = operation(random, states[from], Replicas[from]);
            states[from] = states[from].Join(delta);
            if (random.Next(3) == 0)
            {
                var to = random.Next(3);
                states[to] = states[to].Join(delta);
            }
        }

        var (a, b, c) = (states[0], states[1], states[2]);
        Assert.True(a.Join(b).Equals(b.Join(a)), $"seed {seed}: {typeof(T).Name} join is not commutative");
        Assert.True(a.Join(b).Join(c).Equals(a.Join(b.Join(c))), $"seed {seed}: {typeof(T).Name} join is not associative");
        Assert.Same(a, a.Join(a));
        Assert.True(a.Join(b).Join(b).Equals(a.Join(b)), $"seed {seed}: {typeof(T).Name} join is not idempotent");
    }
}
