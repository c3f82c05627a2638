using System;
using System.Threading.Tasks;

namespace Arbor.Runtime.Tests.Support;

/// <summary>Upper bounds on waits: guards against a hang, never a stand-in for synchronisation.</summary>
internal static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);
}
