using Arbor.Generators.Tests.Support;

namespace Arbor.Generators.Tests.StateMachines;

/// <summary>The [StateMachine] generator sees half-typed code in the IDE: it may report, never throw.</summary>
public sealed class StateMachineRobustnessTests
{
    private const string Prefix = "using Arbor.StateMachines; public enum S { A, B } ";

    [Theory]
    [InlineData("[StateMachine] public partial class")]
    [InlineData("[StateMachine] public partial class M : StateMachine<")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> {")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.C) { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast(S.)] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast(S.A, Event = )] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast(null)] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast((S)7)] public void F() => GoTo((S)9); }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnTimeout] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnTimeout(null)] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnEnter] public void F(Missing m) { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnInfo(S.A)] public void F(Missing m) { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCall] public Missing F() => default; }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast] public void F() => GoTo(); }")]
    [InlineData("[StateMachine] [Postpone] public partial class M : StateMachine<S> { public M() : base(S.A) { } }")]
    [InlineData("[StateMachine] [Postpone(null, S.A)] [Ignore(\"F\", 3)] public partial class M : StateMachine<S> { public M() : base(S.A) { } [OnCast] public void F() { } }")]
    [InlineData("[StateMachine] public partial class M : StateMachine<Missing> { }")]
    [InlineData("[StateMachine] public partial class M(int x) : StateMachine<S>(S.B) { [OnCast] public void F() => GoTo(S.A); }")]
    public void Broken_declarations_never_make_the_generator_throw(string snippet)
    {
        var run = StateMachineGeneration.From(Prefix + snippet);

        Assert.Empty(run.Exceptions);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "ARB0099");
    }
}
