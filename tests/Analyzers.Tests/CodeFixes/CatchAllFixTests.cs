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
    public Task Narrow_a_bare_catch_falls_back_to_InvalidOperationException() => Verify<CatchAllAnalyzer>.CodeFixAsync<NarrowCatchCodeFix>(
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
                catch (InvalidOperationException)
                {
                }
            }
        }
        """,
        NarrowCatchCodeFix.EquivalenceKeyPrefix + "System.InvalidOperationException");
}
