using System.Text;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>Writes indented C# line by line, so the emitters read like the code they produce.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    /// <summary>
    /// Opens a type declaration followed by its <c>where</c> clauses, one per line (a generated type that names a generic
    /// server's messages restates the server's constraints).
    /// </summary>
    public void OpenType(string header, EquatableArray<string> constraintClauses)
    {
        if (constraintClauses.Count == 0)
        {
            Open(header);
            return;
        }

        Line(header);
        for (var i = 0; i < constraintClauses.Count - 1; i++)
        {
            Line("    " + constraintClauses[i]);
        }

        Open("    " + constraintClauses[constraintClauses.Count - 1]);
    }

    public void Close(string closer = "}")
    {
        _indent--;
        Line(closer);
    }

    /// <summary>Indents without a brace, for the body of a switch section.</summary>
    public void Indent() => _indent++;

    /// <summary>Ends an <see cref="Indent"/>.</summary>
    public void Outdent() => _indent--;

    public override string ToString() => _text.ToString();
}
