using System.Threading;

namespace Arbor.Protocol;

/// <summary>The parts of a call that few calls use (telemetry, a cancellable caller), allocated only for those.</summary>
internal sealed class CallExtras
{
    /// <summary>Latency and activity of the call, while telemetry listens.</summary>
    public CallObservation? Observation;

    /// <summary>The caller's cancellation, disposed when the call completes.</summary>
    public CancellationTokenRegistration Cancellation;
}
