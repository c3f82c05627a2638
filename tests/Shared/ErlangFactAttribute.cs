using System;
using System.IO;
using Xunit;

namespace Arbor.Tests.Shared;

/// <summary>
/// A fact that needs a real Erlang installation (<c>erl</c>, <c>erlc</c> on PATH). Without one it is skipped with the
/// reason and the install command — except in CI (<c>CI=true</c>), where a missing Erlang must fail the run rather than
/// quietly skip the interop tests: there the test runs and fails on its first use of <c>erl</c>.
/// </summary>
public sealed class ErlangFactAttribute : FactAttribute
{
    public ErlangFactAttribute()
    {
        if (!ErlangTools.IsInstalled && !ErlangTools.InCi)
        {
            Skip = "Erlang/OTP is not installed (no 'erl' on PATH). Install it to run the interop tests: sudo apt-get install -y erlang-nox";
        }
    }
}

/// <summary>Like <see cref="ErlangFactAttribute"/>, for tests that need Elixir (<c>elixir</c> on PATH); skipped without it, even in CI (Elixir is optional).</summary>
public sealed class ElixirFactAttribute : FactAttribute
{
    public ElixirFactAttribute()
    {
        if (!ErlangTools.IsInstalled || ErlangTools.Find("elixir") is null)
        {
            Skip = "Elixir is not installed (no 'elixir' on PATH). Install it to run this test: sudo apt-get install -y elixir";
        }
    }
}

/// <summary>Finds the Erlang tools.</summary>
public static class ErlangTools
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsInstalled => Find("erl") is not null;

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The path of <paramref name="tool"/>; throws (failing the test) when it is missing.</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new InvalidOperationException($"'{tool}' is required but not on PATH (CI must install Erlang: apt-get install -y erlang-nox).");
}
