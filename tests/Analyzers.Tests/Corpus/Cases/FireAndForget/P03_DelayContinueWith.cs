// Positive: a delayed continuation used as a timer; nothing watches it.
using System;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.FireAndForget.P03;

[GenServer]
public partial class Reminder
{
    private int _set;

    [Cast]
    public void Remind(string text)
    {
        _set++;
        Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => Console.WriteLine(text)); //~ ARB1006
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Reminder.ChildSpec() };
}
