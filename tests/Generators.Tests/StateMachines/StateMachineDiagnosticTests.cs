using System.Linq;
using Arbor.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Tests.StateMachines;

/// <summary>Each state machine diagnostic fires with its id and severity at the marked span, and nothing else is reported.</summary>
public sealed class StateMachineDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Arbor;
        using Arbor.StateMachines;
        public enum Light { Off, On }
        public sealed record Tick;

        """;

    [Theory]
    // ARB0001: not partial.
    [InlineData("ARB0001", "[StateMachine] public class [|Lamp|] : StateMachine<Light> { public Lamp() : base(Light.Off) { } }")]
    // ARB0020: no StateMachine<TState> base, a state type that is not an enum, generic, a state argument of another type.
    [InlineData("ARB0020", "[StateMachine] public partial class [|Lamp|] { }")]
    [InlineData("ARB0020", "[StateMachine] public partial class [|Lamp|] : StateMachine<string> { public Lamp() : base(\"off\") { } }")]
    [InlineData("ARB0020", "[StateMachine] public partial class [|Lamp|]<T> : StateMachine<Light> { public Lamp() : base(Light.Off) { } }")]
    [InlineData("ARB0020", "public enum Other { X } [StateMachine] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [[|OnCast(Other.X)|]] public void Flip() => GoTo(Light.On); }")]
    // ARB0021: an event some state does not account for (a warning).
    [InlineData("ARB0021", "[StateMachine] [Ignore(\"Idle\", Light.Off)] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnCast(Light.Off)] public void [|Flip|]() => GoTo(Light.On); [OnCast(Light.On)] public void Idle() => GoTo(Light.Off); }")]
    // ARB0022: an enter handler that moves elsewhere.
    [InlineData("ARB0022", "[StateMachine] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnEnter(Light.On)] private void Entered() => [|GoTo(Light.Off)|]; [OnCast] public void Flip() => GoTo(Light.On); }")]
    // ARB0023: a state nothing moves to (a warning).
    [InlineData("ARB0023", "public enum Door { Closed, [|Open|] } [StateMachine] public partial class Gate : StateMachine<Door> { public Gate() : base(Door.Closed) { } [OnCast] public void Knock() { } }")]
    // ARB0024: two handlers for one event in one state; handlers of one event with different signatures; a rule for no event.
    [InlineData("ARB0024", "[StateMachine] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnCast(Light.Off)] public void Flip() => GoTo(Light.On); [OnCast(Light.On, Light.Off, Event = \"Flip\")] public void [|Again|]() { } }")]
    [InlineData("ARB0024", "[StateMachine] [Ignore(\"Flip\", Light.On)] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnCast(Light.Off)] public void Flip() => GoTo(Light.On); [OnCast(Light.On, Event = \"Flip\")] public void [|FlipBack|](int times) { } }")]
    [InlineData("ARB0024", "[StateMachine] [[|Postpone(\"Nothing\", Light.On)|]] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnCast] public void Flip() => GoTo(Light.On); }")]
    // ARB0013: an enter handler taking something other than the previous state.
    [InlineData("ARB0013", "[StateMachine] public partial class Lamp : StateMachine<Light> { public Lamp() : base(Light.Off) { } [OnEnter] private void Entered([|int x|]) { } [OnCast] public void Flip() => GoTo(Light.On); }")]
    public void Reports_at_the_marked_location(string id, string markup)
    {
        var (source, spans) = Markup.Parse(Usings + markup);
        var run = StateMachineGeneration.From(source);

        Assert.Empty(run.Exceptions);
        var reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, reported.Id);
        Assert.Equal(id is "ARB0021" or "ARB0023" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, reported.Severity);
        Assert.Equal(spans.Single(), reported.Location.SourceSpan);
        Assert.EndsWith($"/docs/diagnostics/{id}.md", reported.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void The_exhaustiveness_warning_names_every_state_the_event_is_missing_in()
    {
        var run = StateMachineGeneration.From(Usings + """
            public enum Phase { A, B, C }
            [StateMachine]
            [Postpone("Next", Phase.B)]
            public partial class Machine : StateMachine<Phase>
            {
                public Machine() : base(Phase.A) { }
                [OnCall(Phase.A)] public int Next() { GoTo(Phase.B); return 1; }
                [OnCast(Phase.B)] public void Finish() => GoTo(Phase.C);
            }
            """);

        var messages = run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Id == "ARB0021").Select(diagnostic => diagnostic.GetMessage()).OrderBy(message => message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("'Finish' is neither handled, postponed nor ignored in state A, C;", messages[0]);
        Assert.StartsWith("'Next' is neither handled, postponed nor ignored in state C;", messages[1]);
    }

    [Fact]
    public void A_machine_whose_events_are_all_accounted_for_compiles_cleanly_with_any_state_handlers()
    {
        var run = StateMachineGeneration.Clean(Usings + """
            [StateMachine]
            [Ignore(nameof(Off), Light.Off)]
            public partial class Lamp : StateMachine<Light>
            {
                public Lamp() : base(Light.Off) { }
                [OnCast(Light.Off)] public void On() => GoTo(Light.On);
                [OnCast(Light.On, Event = "On")] public void AlreadyOn() { }
                [OnCast(Light.On)] public void Off() => GoTo(Light.Off);
                [OnCall] public Light Which() => State;
                [OnInfo] public void Any(object message) { }
                [OnInfo(Light.On)] public void Tick(Tick tick) { }
                [OnTimeout("blink")] public void Blink() { }
                [OnEventTimeout(Light.On)] public ValueTask Idle(string reason) => default;
                [OnInternal] public void Inserted(Tick tick) { }
                [OnEnter] public void Entered(Light previous) { }
            }
            """);

        Assert.Single(run.GeneratedSources);
    }
}
