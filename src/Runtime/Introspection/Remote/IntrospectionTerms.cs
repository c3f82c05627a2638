using System;
using System.Collections.Generic;
using Arbor.Distribution.Terms;

namespace Arbor.Introspection.Remote;

/// <summary>
/// The introspection records as Erlang terms, for the replies of the introspection service: maps with atom keys, texts
/// as UTF-8 binaries, times as Unix milliseconds, durations as microseconds, pids as pids (the connection maps them).
/// An absent value is an absent key. <see cref="IntrospectionTermReader"/> reads them back.
/// </summary>
internal static class IntrospectionTerms
{
    public static object Page(ProcessPage page)
    {
        var rows = new object[page.Rows.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Summary(page.Rows[i]);
        }

        return Map(("total", (long)page.Total), ("rows", new ErlangList(rows)), ("taken_at", Time(page.TakenAt)));
    }

    public static object Summary(ProcessSummary s) => Map(
        ("pid", s.Pid),
        ("name", s.RegisteredName),
        ("behavior", s.Behavior),
        ("mailbox", (long)s.MailboxDepth),
        ("handled", s.MessagesHandled),
        ("busy_us", Micros(s.BusyTime)),
        ("links", (long)s.Links),
        ("monitored_by", (long)s.MonitoredBy),
        ("running", s.CurrentHandler));

    public static object Details(ProcessDetails d) => Map(
        ("summary", Summary(d.Summary)),
        ("parent", d.Parent.IsNone ? null : d.Parent),
        ("max_mailbox", d.MaxMailboxLength is { } max ? (long)max : null),
        ("trap_exit", d.TrapExit),
        ("links", Pids(d.LinkedWith)),
        ("monitored_by", Pids(d.MonitoredBy)),
        ("monitors", (long)d.Monitors),
        ("running", d.Running is { } turn ? Map(("handler", turn.Handler), ("for_us", Micros(turn.RunningFor)), ("long", turn.IsLong)) : null),
        ("state", d.State),
        ("last_crash", d.LastCrash is { } crash ? Exit(crash) : null));

    public static object Supervisor(SupervisorSnapshot s)
    {
        var children = new object[s.Children.Count];
        for (var i = 0; i < children.Length; i++)
        {
            var c = s.Children[i];
            children[i] = Map(
                ("id", c.Id),
                ("pid", c.Pid.IsNone ? null : c.Pid),
                ("state", c.State.ToString()),
                ("type", c.Type.ToString()),
                ("restart", c.Restart.ToString()),
                ("restarts", (long)c.Restarts),
                ("last_exit", c.LastExit is { } exit ? Exit(exit) : null),
                ("supervisor", c.Supervisor is { } child ? Supervisor(child) : null));
        }

        return Map(
            ("pid", s.Pid),
            ("name", s.Name),
            ("strategy", s.Strategy),
            ("max_restarts", (long)s.MaxRestarts),
            ("within_us", Micros(s.Within)),
            ("children", new ErlangList(children)),
            ("responded", s.Responded),
            ("child_count", (long)s.ChildCount),
            ("child_offset", (long)s.ChildOffset),
            ("running_count", (long)s.RunningCount),
            ("total_restarts", s.TotalRestarts));
    }

    public static object Counters(NodeCounters c) => Map(
        ("taken_at", Time(c.TakenAt)),
        ("process_count", (long)c.ProcessCount),
        ("messages_handled", c.MessagesHandled),
        ("restarts", c.Restarts),
        ("crashes", c.Crashes),
        ("gen0", (long)c.Gen0Collections),
        ("gen1", (long)c.Gen1Collections),
        ("gen2", (long)c.Gen2Collections),
        ("managed_memory", c.ManagedMemoryBytes),
        ("working_set", c.WorkingSetBytes),
        ("threads", (long)c.ThreadPoolThreads),
        ("pending_work_items", c.PendingWorkItems),
        ("held_threads", (long)c.HeldThreads),
        ("long_turns", (long)c.LongTurnsRunning));

    public static object Crash(CrashRecord c) => Map(
        ("at", Time(c.At)),
        ("kind", c.Kind.ToString()),
        ("pid", c.Pid.IsNone ? null : c.Pid),
        ("name", c.Name),
        ("behavior", c.Behavior),
        ("supervisor", c.Supervisor.IsNone ? null : c.Supervisor),
        ("child_id", c.ChildId),
        ("reason", c.Reason));

    public static object List<T>(IReadOnlyList<T> items, Func<T, object> encode)
    {
        var terms = new object[items.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = encode(items[i]);
        }

        return new ErlangList(terms);
    }

    private static object Exit(LastExit exit) => Map(("at", Time(exit.At)), ("reason", exit.Reason));

    private static object Pids(IReadOnlyList<Pid> pids)
    {
        var terms = new object[pids.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = pids[i];
        }

        return new ErlangList(terms);
    }

    private static long Time(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>A map of the pairs whose value is present (an absent value is an absent key).</summary>
    private static ErlangMap Map(params (string Key, object? Value)[] pairs)
    {
        var present = new List<KeyValuePair<object, object>>(pairs.Length);
        foreach (var (key, value) in pairs)
        {
            if (value is not null)
            {
                present.Add(new KeyValuePair<object, object>(Atom.Of(key), value));
            }
        }

        return new ErlangMap(present);
    }
}
