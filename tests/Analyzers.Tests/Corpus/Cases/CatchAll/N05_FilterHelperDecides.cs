// Negative: the filter helper looks like a logger but really decides: only transient failures are caught.
using System;
using System.IO;
using System.Net.Sockets;
using Arbor;

namespace Corpus.CatchAll.N05;

[GenServer]
public partial class Mailer
{
    private int _retries;

    [Cast]
    public void Send(string to)
    {
        try
        {
            Deliver(to);
        }
        catch (Exception e) when (IsTransient(e))
        {
            _retries++;
        }
    }

    [Call] public int Retries() => _retries;

    private static bool IsTransient(Exception e)
    {
        Console.Error.WriteLine(e.Message);
        return e is IOException or SocketException or TimeoutException;
    }

    private static void Deliver(string to)
    {
        if (!to.Contains('@')) throw new ArgumentException("bad address");
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Mailer.ChildSpec() };
}
