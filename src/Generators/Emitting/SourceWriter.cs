using System.Text;

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
