// Positive: an async info handler that catches everything around an awaited save.
using System;
using System.IO;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.CatchAll.P09;

public sealed record Flush;

[GenServer]
public partial class Journal
{
    private string _pending = "";

    [Cast] public void Append(string line) => _pending += line + "\n";

    [Info]
    public async ValueTask On(Flush flush)
    {
        try
        {
            await File.AppendAllTextAsync("journal.log", _pending);
            _pending = "";
        }
        catch (Exception ex) //~ ARB1001
        {
            await Console.Error.WriteLineAsync(ex.Message);
        }
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Journal.ChildSpec() };
}
