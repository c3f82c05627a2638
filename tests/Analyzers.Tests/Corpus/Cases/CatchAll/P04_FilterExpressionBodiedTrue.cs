// Positive: an expression-bodied "observe" helper in the filter that always answers true.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P04;

public sealed record Reading(string Sensor, double Value);

[GenServer]
public partial class SensorHub
{
    private readonly List<Reading> _readings = new();
    private int _failures;

    [Info]
    public void On(Reading reading)
    {
        try
        {
            Validate(reading);
            _readings.Add(reading);
        }
        catch (Exception ex) when (Observe(ex)) //~ ARB1001
        {
            _failures++;
        }
    }

    [Call] public int Failures() => _failures;

    private static void Validate(Reading reading)
    {
        if (double.IsNaN(reading.Value)) throw new ArgumentException("NaN reading");
    }

    private bool Observe(Exception ex) => Track(ex.GetType().Name) || true;

    private static bool Track(string name) => name.Length > 0;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { SensorHub.ChildSpec(name: "sensors") };
}
