// Positive: the thread pool runs a flush of the process's buffer.
using System.Collections.Generic;
using System.Threading;
using Arbor;

namespace Corpus.ThreadEscape.P05;

[GenServer]
public partial class LogBuffer
{
    private readonly List<string> _lines = new();

    [Cast]
    public void Write(string line)
    {
        _lines.Add(line);
        if (_lines.Count > 100)
        {
            ThreadPool.QueueUserWorkItem(_ => Flush()); //~ ARB1005
        }
    }

    private void Flush()
    {
        System.Console.WriteLine(string.Join("\n", _lines));
        _lines.Clear();
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { LogBuffer.ChildSpec() };
}
