namespace Arbor.Cluster.Replication;

/// <summary>A value written into an <see cref="LwwMap{TKey, TValue}"/> with the timestamp that orders it among concurrent writes.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Timestamp">The writer's timestamp (UTC ticks unless the writer supplied one).</param>
/// <param name="Value">The value.</param>
public readonly record struct LwwValue<T>(long Timestamp, T Value);
