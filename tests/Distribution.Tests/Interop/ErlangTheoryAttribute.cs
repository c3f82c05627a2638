using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>The theory counterpart of <see cref="ErlangFactAttribute"/>: skipped with the install command when erl is
/// missing, except in CI (CI=true), where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ErlangTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when erl is missing outside CI.</summary>
    public ErlangTheoryAttribute()
    {
        if (!ErlangTools.IsInstalled && !ErlangTools.InCi)
        {
            Skip = "Erlang/OTP is not installed (no 'erl' on PATH). Install it to run the interop tests: sudo apt-get install -y erlang-nox";
        }
    }
}
