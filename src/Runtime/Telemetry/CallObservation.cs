using System.Diagnostics;

namespace Arbor;

/// <summary>What is kept about one call while telemetry listens: its start time and activity. Allocated only then.</summary>
internal sealed class CallObservation
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;

    private CallObservation(Activity? activity) => _activity = activity;

    /// <summary>Starts observing a call to <paramref name="target"/>; the caller's current activity is left as it was.</summary>
    public static CallObservation Start(Pid target, string request)
    {
        var previous = Activity.Current;
        var activity = ArborTelemetry.ActivitySource.StartActivity("arbor.call", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("arbor.call.target", target.ToString());
            activity.SetTag("arbor.call.request", request);
            Activity.Current = previous;
        }

        return new CallObservation(activity);
    }

    public void Complete(string outcome)
    {
        if (ArborTelemetry.CallDuration.Enabled)
        {
            ArborTelemetry.CallDuration.Record(
                Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
                new System.Collections.Generic.KeyValuePair<string, object?>("arbor.call.outcome", outcome));
        }

        if (_activity is not null)
        {
            _activity.SetTag("arbor.call.outcome", outcome);
            if (outcome != "ok")
            {
                _activity.SetStatus(ActivityStatusCode.Error, outcome);
            }

            _activity.Stop();
        }
    }
}
