// Positive: the catch-all is in a private helper that a handler calls, so it runs in the process.
using System;
using System.IO;
using Arbor;

namespace Corpus.CatchAll.P05;

[GenServer]
public partial class ConfigCache
{
    private string _text = "";

    [Cast] public void Reload(string path) => _text = ReadOrEmpty(path);
    [Call] public string Current() => _text;

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception) //~ ARB1001
        {
            return "";
        }
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { ConfigCache.ChildSpec() };
}
