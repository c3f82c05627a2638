// Negative: Result and Wait members of the user's own types do not block anything.
using Arbor;

namespace Corpus.Blocking.N09;

public sealed record Validation(bool Result, string Reason);

public sealed class Turnstile
{
    private int _waits;
    public int Wait() => ++_waits;
}

[GenServer]
public partial class Validator
{
    private readonly Turnstile _turnstile = new();

    [Call]
    public bool Check(string input)
    {
        var validation = new Validation(input.Length > 3, "too short");
        _turnstile.Wait();
        return validation.Result;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Validator.ChildSpec() };
}
