using System.Threading.Tasks;
using Arbor.Analyzers.CodeFixes;
using Arbor.Analyzers.Tests.Support;

namespace Arbor.Analyzers.Tests.CodeFixes;

public sealed class CatchAllFixTests
{
    private const string Header = """
        using System;
        using Arbor;

        namespace Shop;

        """;

    [Fact]
    public Task Remove_unwraps_the_try_body() => Verify<CatchAllAnalyzer>.CodeFixAsync<RemoveCatchAllCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call]
            public int Add(int by)
            {
                // keep this comment
                try
                {
                    _count += by;
                    Console.WriteLine(_count);
                }
                [|catch (Exception e)|]
                {
                    Console.WriteLine(e);
                }

                return _count;
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call]
            public int Add(int by)
            {
                // keep this comment
                _count += by;
                Console.WriteLine(_count);

                return _count;
            }
        }
        """,
        RemoveCatchAllCodeFix.EquivalenceKey);

    [Fact]
    public Task Remove_keeps_other_clauses_and_finally() => Verify<CatchAllAnalyzer>.CodeFixAsync<RemoveCatchAllCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Reset()
            {
                try
                {
                    _count = 0;
                }
                catch (InvalidOperationException)
                {
                    throw;
                }
                [|catch|]
                {
                }
                finally
                {
                    Console.WriteLine("done");
                }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Reset()
            {
                try
                {
                    _count = 0;
                }
                catch (InvalidOperationException)
                {
                    throw;
                }
                finally
                {
                    Console.WriteLine("done");
                }
            }
        }
        """,
        RemoveCatchAllCodeFix.EquivalenceKey);

    [Fact]
    public Task Fix_all_in_document_removes_every_catch_all() => Verify<CatchAllAnalyzer>.CodeFixAsync<RemoveCatchAllCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void A()
            {
                try
                {
                    _count++;
                }
                [|catch|]
                {
                }
            }

            [Cast]
            public void B()
            {
                try
                {
                    try
                    {
                        _count--;
                    }
                    [|catch (Exception)|]
                    {
                    }
                }
                [|catch (Exception)|]
                {
                }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void A()
            {
                _count++;
            }

            [Cast]
            public void B()
            {
                _count--;
            }
        }
        """,
        RemoveCatchAllCodeFix.EquivalenceKey,
        fixAll: true);

    [Fact]
    public Task Narrow_uses_the_exception_the_body_throws() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call]
            public int Parse(string text)
            {
                try
                {
                    if (text.Length == 0)
                    {
                        throw new FormatException("empty");
                    }

                    return int.Parse(text);
                }
                [|catch (Exception e)|]
                {
                    Console.WriteLine(e.Message);
                    return -1;
                }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Call]
            public int Parse(string text)
            {
                try
                {
                    if (text.Length == 0)
                    {
                        throw new FormatException("empty");
                    }

                    return int.Parse(text);
                }
                catch (FormatException e)
                {
                    Console.WriteLine(e.Message);
                    return -1;
                }
            }
        }
        """,
        NarrowCatchCodeFix.EquivalenceKeyPrefix + "System.FormatException");

    [Fact]
    public Task Narrow_is_not_offered_when_nothing_is_known_to_be_thrown() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Reset()
            {
                try
                {
                    _count = 0;
                }
                [|catch|]
                {
                }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Reset()
            {
                try
                {
                    _count = 0;
                }
                catch
                {
                }
            }
        }
        """,
        equivalenceKey: null);

    [Fact]
    public Task Narrow_reads_the_documented_exceptions_of_what_the_block_calls() => Verify<CatchAllAnalyzer>.ProjectFixAsync<NarrowCatchCodeFix>(
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private int _count;
                public Counter(int start) => _count = start;

                [Call]
                public int Set(string text)
                {
                    try
                    {
                        _count = int.Parse(text);
                    }
                    [|catch (Exception)|]
                    {
                        _count = 0;
                    }

                    return _count;
                }
            }
            """,
            Header + """
            public static class Helpers
            {
            }
            """,
        ],
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private int _count;
                public Counter(int start) => _count = start;

                [Call]
                public int Set(string text)
                {
                    try
                    {
                        _count = int.Parse(text);
                    }
                    catch (FormatException)
                    {
                        _count = 0;
                    }

                    return _count;
                }
            }
            """,
            Header + """
            public static class Helpers
            {
            }
            """,
        ],
        equivalenceKey: null);

    [Fact]
    public Task Narrow_offers_each_documented_exception() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private long _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try { _count = long.Parse(text); }
                [|catch|] { }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private long _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try { _count = long.Parse(text); }
                catch (OverflowException) { }
            }
        }
        """,
        NarrowCatchCodeFix.EquivalenceKeyPrefix + "System.OverflowException");

    [Fact]
    public Task Narrow_drops_a_filter_that_would_not_compile_on_the_narrower_type() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try
                {
                    _count = int.Parse(text);
                }
                [|catch (Exception e)|] when (e is not OperationCanceledException)
                {
                    Console.WriteLine(e.Message);
                }
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try
                {
                    _count = int.Parse(text);
                }
                catch (FormatException e)
                {
                    Console.WriteLine(e.Message);
                }
            }
        }
        """,
        NarrowCatchCodeFix.EquivalenceKeyPrefix + "System.FormatException");

    [Fact]
    public Task Narrow_keeps_a_filter_that_still_compiles() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try
                {
                    _count = int.Parse(text);
                }
                [|catch (Exception e)|] when (Log(e))
                {
                }
            }

            private static bool Log(Exception e)
            {
                Console.WriteLine(e);
                return true;
            }
        }
        """,
        Header + """
        [GenServer]
        public partial class Counter
        {
            private int _count;
            public Counter(int start) => _count = start;

            [Cast]
            public void Set(string text)
            {
                try
                {
                    _count = int.Parse(text);
                }
                catch (FormatException e) when (Log(e))
                {
                }
            }

            private static bool Log(Exception e)
            {
                Console.WriteLine(e);
                return true;
            }
        }
        """,
        NarrowCatchCodeFix.EquivalenceKeyPrefix + "System.FormatException");

    [Fact]
    public Task Remove_project_fix_all_as_dotnet_format_applies_it() => Verify<CatchAllAnalyzer>.ProjectFixAsync<RemoveCatchAllCodeFix>(
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private int _count;
                public Counter(int start) => _count = start;

                [Cast]
                public void Reset()
                {
                    try
                    {
                        _count = 0;
                    }
                    [|catch|]
                    {
                    }
                }
            }
            """,
            Header + """
            public static class Outside
            {
                public static void Run()
                {
                    try { Console.WriteLine(); } catch { }
                }
            }
            """,
        ],
        [
            Header + """
            [GenServer]
            public partial class Counter
            {
                private int _count;
                public Counter(int start) => _count = start;

                [Cast]
                public void Reset()
                {
                    _count = 0;
                }
            }
            """,
            Header + """
            public static class Outside
            {
                public static void Run()
                {
                    try { Console.WriteLine(); } catch { }
                }
            }
            """,
        ],
        equivalenceKey: null);
}
