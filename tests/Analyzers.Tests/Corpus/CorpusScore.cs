using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Arbor.Analyzers.Tests.Corpus;

/// <summary>Per-rule tallies over the corpus: a reported diagnostic on a marked line is a hit, else a false alarm; an unreported mark is a miss.</summary>
internal sealed class CorpusScore
{
    private readonly SortedDictionary<string, Tally> _byRule = new(StringComparer.Ordinal);
    private readonly List<string> _findings = new();

    /// <summary>Compares what one case raised with its marks.</summary>
    public void Add(CorpusCase corpusCase, IEnumerable<(int Line, string Id, string Message)> reported)
    {
        var expected = corpusCase.Expected.ToList();
        foreach (var (line, id, message) in reported)
        {
            var tally = For(id);
            var index = expected.IndexOf((line, id));
            if (index >= 0)
            {
                expected.RemoveAt(index);
                tally.Hits++;
            }
            else
            {
                tally.FalseAlarms++;
                _findings.Add($"false alarm {id} {corpusCase.Name}:{line + 1} {message}");
            }
        }

        foreach (var (line, id) in expected)
        {
            For(id).Misses++;
            _findings.Add($"miss        {id} {corpusCase.Name}:{line + 1}");
        }
    }

    /// <summary>The rules below <paramref name="recall"/> or <paramref name="precision"/> (fractions).</summary>
    public IReadOnlyList<string> RulesBelow(double recall, double precision) =>
        _byRule.Where(pair => pair.Value.Recall < recall || pair.Value.Precision < precision).Select(pair => pair.Key).ToList();

    /// <summary>A table of hits, misses, false alarms, recall and precision per rule and overall, then every miss and false alarm.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("rule     hits  misses  false alarms  recall   precision");
        foreach (var (rule, tally) in _byRule)
        {
            text.AppendLine(Row(rule, tally));
        }

        var total = new Tally
        {
            Hits = _byRule.Values.Sum(t => t.Hits),
            Misses = _byRule.Values.Sum(t => t.Misses),
            FalseAlarms = _byRule.Values.Sum(t => t.FalseAlarms),
        };
        text.AppendLine(Row("all", total));
        foreach (var finding in _findings)
        {
            text.AppendLine(finding);
        }

        return text.ToString();
    }

    private static string Row(string rule, Tally tally) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0,-8} {1,4}  {2,6}  {3,12}  {4,6:P1}  {5,9:P1}",
            rule,
            tally.Hits,
            tally.Misses,
            tally.FalseAlarms,
            tally.Recall,
            tally.Precision);

    private Tally For(string id)
    {
        if (!_byRule.TryGetValue(id, out var tally))
        {
            _byRule[id] = tally = new Tally();
        }

        return tally;
    }

    private sealed class Tally
    {
        public int Hits { get; set; }

        public int Misses { get; set; }

        public int FalseAlarms { get; set; }

        public double Recall => Hits + Misses == 0 ? 1 : (double)Hits / (Hits + Misses);

        public double Precision => Hits + FalseAlarms == 0 ? 1 : (double)Hits / (Hits + FalseAlarms);
    }
}
