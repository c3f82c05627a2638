// Negative: an async call handler that only catches cancellation (its exit token fired).
using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.CatchAll.N10;

[GenServer]
public partial class Crawler
{
    private int _pages;

    [Call]
    public async ValueTask<int> Crawl(int pages, CancellationToken exit)
    {
        try
        {
            for (var i = 0; i < pages; i++)
            {
                await Task.Delay(10, exit);
                _pages++;
            }
        }
        catch (OperationCanceledException) when (exit.IsCancellationRequested)
        {
        }

        return _pages;
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Crawler.ChildSpec() };
}
