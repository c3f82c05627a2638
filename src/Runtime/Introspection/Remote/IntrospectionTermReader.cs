using System;
using System.Collections.Generic;
using System.Text;
using Arbor.Distribution.Terms;

namespace Arbor.Introspection.Remote;

/// <summary>
/// Reads the introspection service's replies (<see cref="IntrospectionTerms"/>) back into the introspection records. A
/// reply is another node's word: every field is checked for its type and range, lists are bounded, and anything else
/// fails with <see cref="FormatException"/> naming the field (the client turns it into a
/// <see cref="Distribution.RemoteReplyException"/>).
/// </summary>
internal static class IntrospectionTermReader
{
    private const int MaxDepth = 64;
    private const int MaxList = 100_000;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ProcessPage Page(object term)
    {
        var map = Fields.Of(term, "process page");
        var rows = map.List("rows", Summary);
        return new ProcessPage(map.Int("total"), rows, map.Time("taken_at"));
    }

    public static ProcessSummary Summary(object term)
    {
        var map = Fields.Of(term, "process summary");
        return new ProcessSummary(
            map.Pid("pid"),
            map.OptionalText("name"),
            map.OptionalText("behavior"),
            map.Int("mailbox"),
            map.Long("handled"),
            map.Micros("busy_us"),
            map.Int("links"),
            map.Int("monitored_by"),
            map.OptionalText("running"));
    }

    public static ProcessDetails Details(object term)
    {
        var map = Fields.Of(term, "process details");
        CurrentTurn? running = null;
        if (map.Optional("running") is { } turnTerm)
        {
            var turn = Fields.Of(turnTerm, "current turn");
            running = new CurrentTurn(turn.Text("handler"), turn.Micros("for_us"), turn.Bool("long"));
        }

        return new ProcessDetails(
            Summary(map.Required("summary")),
            map.Optional("parent") is null ? Arbor.Pid.None : map.Pid("parent"),
            map.Optional("max_mailbox") is null ? null : map.Int("max_mailbox"),
            map.Bool("trap_exit"),
            map.List("links", PidOf),
            map.List("monitored_by", PidOf),
            map.Int("monitors"),
            running,
            map.OptionalText("state"),
            map.Optional("last_crash") is { } crash ? Exit(crash) : null);
    }

    public static SupervisorSnapshot Supervisor(object term) => Supervisor(term, 0);

    public static NodeCounters Counters(object term)
    {
        var map = Fields.Of(term, "node counters");
        return new NodeCounters(
            map.Time("taken_at"),
            map.Int("process_count"),
            map.Long("messages_handled"),
            map.Long("restarts"),
            map.Long("crashes"),
            map.Int("gen0"),
            map.Int("gen1"),
            map.Int("gen2"),
            map.Long("managed_memory"),
            map.Long("working_set"),
            map.Int("threads"),
            map.Long("pending_work_items"),
            map.Int("held_threads"),
            map.Int("long_turns"));
    }

    public static CrashRecord Crash(object term)
    {
        var map = Fields.Of(term, "crash record");
        return new CrashRecord(
            map.Time("at"),
            map.Enum<CrashKind>("kind"),
            map.Optional("pid") is null ? Arbor.Pid.None : map.Pid("pid"),
            map.OptionalText("name"),
            map.OptionalText("behavior"),
            map.Optional("supervisor") is null ? Arbor.Pid.None : map.Pid("supervisor"),
            map.OptionalText("child_id"),
            map.Text("reason"));
    }

    public static IReadOnlyList<T> ListOf<T>(object term, Func<object, T> read) => Fields.ReadList(term, "reply", read);

    public static string TextOf(object term) => Fields.ReadText(term, "text");

    private static SupervisorSnapshot Supervisor(object term, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"A supervision tree in the reply is deeper than {MaxDepth} levels.");
        }

        var map = Fields.Of(term, "supervisor snapshot");
        var children = map.List("children", child =>
        {
            var c = Fields.Of(child, "child snapshot");
            return new ChildSnapshot(
                c.Text("id"),
                c.Optional("pid") is null ? Arbor.Pid.None : c.Pid("pid"),
                c.Enum<ChildState>("state"),
                c.Enum<ChildType>("type"),
                c.Enum<Restart>("restart"),
                c.Int("restarts"),
                c.Optional("last_exit") is { } exit ? Exit(exit) : null,
                c.Optional("supervisor") is { } nested ? Supervisor(nested, depth + 1) : null);
        });
        return new SupervisorSnapshot(map.Pid("pid"), map.OptionalText("name"), map.Text("strategy"), map.Int("max_restarts"), map.Micros("within_us"), children, map.Bool("responded"))
        {
            ChildCount = map.Int("child_count"),
            ChildOffset = map.Int("child_offset"),
            RunningCount = map.Int("running_count"),
            TotalRestarts = map.Long("total_restarts"),
        };
    }

    private static LastExit Exit(object term)
    {
        var map = Fields.Of(term, "exit");
        return new LastExit(map.Time("at"), map.Text("reason"));
    }

    private static Pid PidOf(object term) => term is Pid pid ? pid : throw new FormatException($"Expected a pid in the reply, got {TermFormatter.Format(term)}.");

    /// <summary>A map with atom keys, read field by field.</summary>
    private readonly struct Fields
    {
        private readonly ErlangMap _map;
        private readonly string _what;

        private Fields(ErlangMap map, string what)
        {
            _map = map;
            _what = what;
        }

        public static Fields Of(object term, string what) =>
            term is ErlangMap map ? new Fields(map, what) : throw new FormatException($"Expected a map for the {what}, got {Describe(term)}.");

        public object? Optional(string key) =>
            _map.TryGetValue(Atom.Of(key), out var value) && !(value is Atom atom && (atom == Atom.Undefined || atom == Atom.Nil)) ? value : null;

        public object Required(string key) => Optional(key) ?? throw new FormatException($"The {_what} has no '{key}'.");

        public long Long(string key) =>
            TermValues.TryGetInt64(Required(key), out var value) ? value : throw Bad(key, "an integer");

        public int Int(string key)
        {
            var value = Long(key);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad(key, "a 32-bit integer");
        }

        public bool Bool(string key) => Required(key) switch
        {
            Atom a when a == Atom.True => true,
            Atom a when a == Atom.False => false,
            bool b => b,
            _ => throw Bad(key, "true or false"),
        };

        public string Text(string key) => ReadText(Required(key), key);

        public string? OptionalText(string key) => Optional(key) is { } value ? ReadText(value, key) : null;

        public Pid Pid(string key) => Required(key) is Pid pid ? pid : throw Bad(key, "a pid");

        public DateTimeOffset Time(string key)
        {
            var ms = Long(key);
            return ms is >= -62_135_596_800_000 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : throw Bad(key, "a time");
        }

        public TimeSpan Micros(string key)
        {
            var us = Long(key);
            return us is >= 0 and <= long.MaxValue / TimeSpan.TicksPerMicrosecond ? TimeSpan.FromTicks(us * TimeSpan.TicksPerMicrosecond) : throw Bad(key, "a duration");
        }

        public T Enum<T>(string key)
            where T : struct, Enum =>
            System.Enum.TryParse<T>(Text(key), ignoreCase: false, out var value) && System.Enum.IsDefined(value) ? value : throw Bad(key, "a " + typeof(T).Name);

        public IReadOnlyList<T> List<T>(string key, Func<object, T> read) => ReadList(Required(key), key, read);

        public static IReadOnlyList<T> ReadList<T>(object term, string what, Func<object, T> read)
        {
            if (term is not ErlangList { IsProper: true } list || list.Count > MaxList)
            {
                throw new FormatException($"Expected a proper list of at most {MaxList} elements for '{what}', got {Describe(term)}.");
            }

            var items = new List<T>(list.Count);
            foreach (var element in list.Elements)
            {
                items.Add(read(element));
            }

            return items;
        }

        public static string ReadText(object term, string what)
        {
            try
            {
                return term switch
                {
                    byte[] bytes => s_utf8.GetString(bytes),
                    string text => text,
                    _ => throw new FormatException($"Expected a UTF-8 binary for '{what}', got {Describe(term)}."),
                };
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException($"'{what}' is not valid UTF-8.");
            }
        }

        private FormatException Bad(string key, string expected) =>
            new($"The {_what}'s '{key}' is not {expected}: {Describe(Optional(key))}.");

        private static string Describe(object? term)
        {
            var text = term is null ? "nothing" : TermFormatter.Format(term);
            return text.Length > 200 ? text[..200] + "..." : text;
        }
    }
}
