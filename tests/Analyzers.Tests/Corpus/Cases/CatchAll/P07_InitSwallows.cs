// Positive: init (the constructor) swallows a failure to load its state, so the process starts half-initialised.
using System;
using System.Collections.Generic;
using System.IO;
using Arbor;

namespace Corpus.CatchAll.P07;

[GenServer]
public partial class RouteTable
{
    private readonly Dictionary<string, string> _routes = new();

    public RouteTable(string file)
    {
        try
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var parts = line.Split('=');
                _routes[parts[0]] = parts[1];
            }
        }
        catch (Exception) //~ ARB1001
        {
            _routes.Clear();
        }
    }

    [Call] public string? Lookup(string key) => _routes.GetValueOrDefault(key);
}

public static class App
{
    public static ChildSpec[] Children() => new[] { RouteTable.ChildSpec("routes.txt") };
}
