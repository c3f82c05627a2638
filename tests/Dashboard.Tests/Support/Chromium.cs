using System;
using System.IO;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>Debian's chromium and chromedriver (the browser tests drive the real browser; Playwright's downloads are not used).</summary>
internal static class Chromium
{
    public const string InstallCommand = "sudo apt-get install -y chromium chromium-driver";

    public static string Browser => Environment.GetEnvironmentVariable("ARBOR_CHROMIUM") ?? "/usr/bin/chromium";

    public static string Driver => Environment.GetEnvironmentVariable("ARBOR_CHROMEDRIVER") ?? "/usr/bin/chromedriver";

    public static bool IsInstalled => File.Exists(Browser) && File.Exists(Driver);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A fact that needs Chromium and chromedriver. Without them it is skipped with the reason and the install command —
/// except in CI (<c>CI=true</c>), where the test runs and fails, so a CI machine missing the browser cannot pass quietly.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.InCi)
        {
            Skip = $"Chromium is not installed ({Chromium.Browser} and {Chromium.Driver} are needed). Install it to run the browser tests: {Chromium.InstallCommand}";
        }
    }
}
