namespace Arbor.Analyzers.Tests.Support;

/// <summary>Common header for test snippets.</summary>
internal static class Snippets
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Arbor;

        namespace Shop;

        """;
}
