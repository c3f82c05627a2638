// Positive: two catch-alls in one server, one in a call, one in a helper reached from terminate.
using System;
using System.Collections.Generic;
using Arbor;

namespace Corpus.CatchAll.P12;

[GenServer]
public partial class Uploader
{
    private readonly Queue<string> _queue = new();

    [Cast] public void Enqueue(string file) => _queue.Enqueue(file);

    [Call]
    public int Pump()
    {
        var sent = 0;
        while (_queue.Count > 0)
        {
            try
            {
                Send(_queue.Dequeue());
                sent++;
            }
            catch //~ ARB1001
            {
                break;
            }
        }

        return sent;
    }

    [Terminate] public void Cleanup(ExitReason reason) => Drain();

    private void Drain()
    {
        try
        {
            while (_queue.Count > 0) Send(_queue.Dequeue());
        }
        catch (Exception) //~ ARB1001
        {
        }
    }

    private static void Send(string file)
    {
        if (file.Length == 0) throw new ArgumentException("no file");
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Uploader.ChildSpec() };
}
