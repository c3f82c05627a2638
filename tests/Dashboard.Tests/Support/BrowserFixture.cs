using System;
using System.IO;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>
/// One headless Chromium shared by every browser test (a collection fixture: starting a browser costs about a second, a
/// page load a few milliseconds). Tests in the collection run one after another, each on its own dashboard host.
/// </summary>
public sealed class BrowserFixture : IDisposable
{
    private readonly Lazy<ChromeDriver> _driver = new(Start);

    /// <summary>The browser; started on first use, so a skipped run never starts one.</summary>
    public IWebDriver Driver => _driver.Value;

    /// <summary>Where screenshots go: the test output's <c>artifacts</c> folder.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <summary>Polls the page until <paramref name="condition"/> holds (bounded by <paramref name="timeout"/>), failing with <paramref name="what"/>.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? TimeSpan.FromSeconds(15))
        {
            PollingInterval = TimeSpan.FromMilliseconds(25),
            Message = what,
        };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException timedOut)
        {
            // What the page showed and what its script logged, so a failure explains itself.
            var logs = string.Join("\n", Driver.Manage().Logs.GetLog(LogType.Browser));
            throw new WebDriverTimeoutException($"{timedOut.Message}\npage text:\n{Driver.FindElement(By.TagName("body")).Text}\nbrowser log:\n{logs}", timedOut);
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> in the page and returns its result: one atomic read, where a pair of driver calls
    /// (find, then read an attribute) can straddle a re-render of the live page.
    /// </summary>
    public object? Js(string script) => ((IJavaScriptExecutor)Driver).ExecuteScript(script);

    /// <summary>Polls <paramref name="script"/> until it returns <paramref name="expected"/> (as text).</summary>
    public void WaitForJs(string script, string expected, string what, TimeSpan? timeout = null) =>
        WaitFor(_ => Convert.ToString(Js("return " + script), System.Globalization.CultureInfo.InvariantCulture) == expected, $"{what} (waiting for `{script}` to be {expected})", timeout);

    /// <summary>
    /// Clicks the element <paramref name="selector"/> (a CSS selector) finds, trying again while the live page has it
    /// momentarily absent (a re-render between a check and a separate click would leave the click without a target).
    /// The script returns nothing, so a confirmation the click opens is left for the test to answer.
    /// </summary>
    public void ClickWhenPresent(string selector, string what, TimeSpan? timeout = null) =>
        WaitFor(_ =>
        {
            try
            {
                Js("document.querySelector(" + System.Text.Json.JsonSerializer.Serialize(selector) + ").click()");
                return true;
            }
            catch (JavaScriptException)
            {
                return false; // not there at this instant
            }
        }, what, timeout);

    /// <summary>Saves the page as <c>artifacts/{name}.png</c> and returns the path.</summary>
    public string Screenshot(string name)
    {
        var path = Path.Combine(ArtifactsFolder, name + ".png");
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        if (_driver.IsValueCreated)
        {
            _driver.Value.Quit();
            _driver.Value.Dispose();
        }
    }

    private static ChromeDriver Start()
    {
        if (!Chromium.IsInstalled)
        {
            throw new InvalidOperationException($"Chromium is not installed ({Chromium.Browser}, {Chromium.Driver}); CI must install it: {Chromium.InstallCommand}");
        }

        var options = new ChromeOptions { BinaryLocation = Chromium.Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,900");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Chromium.Driver)!, Path.GetFileName(Chromium.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}

/// <summary>The browser tests share one browser and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
