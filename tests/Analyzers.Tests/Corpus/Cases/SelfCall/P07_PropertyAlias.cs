// Positive: a private property that returns the self client, called from a helper the handler uses.
using System.Threading.Tasks;
using Arbor;

namespace Corpus.SelfCall.P07;

[GenServer]
public partial class Thermostat
{
    private double _target = 20;

    private ThermostatRef Me => SelfRef;

    [Call] public double Target() => _target;

    [Cast] public async ValueTask Nudge(double by) => _target = await Current() + by;

    private async ValueTask<double> Current() => await Me.TargetAsync(); //~ ARB1010
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Thermostat.ChildSpec() };
}
