// Positive: a static StringBuilder reused as a scratch buffer by every process.
using System.Text;
using Arbor;

namespace Corpus.StaticState.P06;

[GenServer]
public partial class Formatter
{
    private static readonly StringBuilder s_buffer = new(); //~ ARB1002

    [Call]
    public string Format(string name, int count)
    {
        s_buffer.Clear();
        s_buffer.Append(name).Append('=').Append(count);
        return s_buffer.ToString();
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Formatter.ChildSpec() };
}
