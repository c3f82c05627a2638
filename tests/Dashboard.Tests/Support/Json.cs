using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Dashboard.Tests.Support;

/// <summary>Reading the dashboard's JSON answers and its first live tick.</summary>
internal static class Json
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The first tick of the live feed at <paramref name="path"/> that satisfies <paramref name="until"/>: each tick is a fresh read
    /// of the node, so waiting on them is waiting on the node (a minute at most, then the test fails).
    /// </summary>
    public static async Task<JsonElement> TickAsync(HttpClient client, string path, System.Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(System.TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", System.StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                if (until(data))
                {
                    return data;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"The live feed {path} ended before the expected tick.");
    }

    /// <summary>The first event of the live feed at <paramref name="path"/>: its name and its data.</summary>
    public static async Task<(string Event, JsonElement Data)> FirstEventAsync(HttpClient client, string path)
    {
        using var timeout = new CancellationTokenSource(System.TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var name = (await reader.ReadLineAsync(timeout.Token))!["event: ".Length..];
        var data = (await reader.ReadLineAsync(timeout.Token))!["data: ".Length..];
        return (name, JsonDocument.Parse(data).RootElement.Clone());
    }
}
