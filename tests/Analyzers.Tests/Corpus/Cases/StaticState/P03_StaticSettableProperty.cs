// Positive: a static settable property used as a global switch.
using Arbor;

namespace Corpus.StaticState.P03;

[GenServer]
public partial class FeatureGate
{
    public static bool Enabled { get; set; } //~ ARB1002

    [Call] public bool IsOn(string feature) => Enabled && feature.Length > 0;
    [Cast] public void Toggle() => Enabled = !Enabled;
}

public static class App
{
    public static ChildSpec[] Children() => new[] { FeatureGate.ChildSpec() };
}
