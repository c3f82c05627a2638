using System;
using System.Threading.Tasks;

namespace Arbor;

/// <summary>
/// How a supervisor starts, restarts and stops one child (OTP child specification). Generated GenServers offer a typed
/// <c>ChildSpec(...)</c> factory; hand-written ones build it here. Checked by <see cref="Validate"/> before anything starts.
/// </summary>
public sealed record ChildSpec
{
    /// <summary>Creates a spec with an id and a start function.</summary>
    public ChildSpec(string id, Func<ChildStartContext, ValueTask<StartResult>> start)
    {
        Id = id;
        Start = start;
    }

    /// <summary>Unique among the supervisor's children.</summary>
    public string Id { get; init; }

    /// <summary>Starts the child linked to the calling supervisor.</summary>
    public Func<ChildStartContext, ValueTask<StartResult>> Start { get; init; }

    /// <summary>When to restart it; permanent by default.</summary>
    public Restart Restart { get; init; } = Restart.Permanent;

    /// <summary>How to stop it; null means the default for its <see cref="Type"/> (5 s for workers, infinity for supervisors).</summary>
    public Shutdown? Shutdown { get; init; }

    /// <summary>Worker or supervisor.</summary>
    public ChildType Type { get; init; } = ChildType.Worker;

    /// <summary>Whether its exit can trigger the supervisor's auto-shutdown (OTP <c>significant</c>; only for transient or temporary children).</summary>
    public bool Significant { get; init; }

    /// <summary>The shutdown actually used: <see cref="Shutdown"/> or the default for the child type.</summary>
    public Shutdown EffectiveShutdown => Shutdown ?? (Type == ChildType.Supervisor ? Arbor.Shutdown.Infinity : Arbor.Shutdown.DefaultWorker);

    /// <summary>Throws <see cref="InvalidChildSpecException"/> naming the first problem found.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            throw new InvalidChildSpecException(Id, "the id must be a non-empty string");
        }

        if (Start is null)
        {
            throw new InvalidChildSpecException(Id, "the start function is missing");
        }

        if (!Enum.IsDefined(Restart))
        {
            throw new InvalidChildSpecException(Id, $"restart type {(int)Restart} is not permanent, transient or temporary");
        }

        if (!Enum.IsDefined(Type))
        {
            throw new InvalidChildSpecException(Id, $"child type {(int)Type} is not worker or supervisor");
        }

        if (Shutdown is { } shutdown && !Enum.IsDefined(shutdown.Kind))
        {
            throw new InvalidChildSpecException(Id, "the shutdown mode is not brutal_kill, a timeout or infinity");
        }

        if (Shutdown is { Kind: ShutdownKind.Timeout } timed && timed.Timeout <= TimeSpan.Zero)
        {
            // default(Shutdown) looks like a zero timeout: the child would be killed before it could stop.
            throw new InvalidChildSpecException(Id, "the shutdown timeout is not positive; use Shutdown.After(timeout), Shutdown.BrutalKill or Shutdown.Infinity (default(Shutdown) is not a mode)");
        }

        if (Significant && Restart == Restart.Permanent)
        {
            throw new InvalidChildSpecException(Id, "a significant child must be transient or temporary, not permanent");
        }
    }
}
