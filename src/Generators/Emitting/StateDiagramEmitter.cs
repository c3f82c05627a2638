using System.Linq;
using System.Text;
using Arbor.Generators.Model;

namespace Arbor.Generators.Emitting;

/// <summary>
/// Writes the machine's Mermaid state diagram as a constant, drawn from the same model as the dispatch: the initial
/// state, and one edge per state change the handlers' code makes with a constant state (labelled with the event).
/// </summary>
internal static class StateDiagramEmitter
{
    public static void Emit(SourceWriter writer, StateMachineModel model)
    {
        writer.Line("/// <summary>");
        writer.Line("/// This machine as a Mermaid state diagram (<c>stateDiagram-v2</c>), drawn from its handlers: an edge for each");
        writer.Line("/// <c>GoTo</c> with a constant state, labelled with the event whose handler makes it. Paste it into Markdown");
        writer.Line("/// inside a <c>```mermaid</c> block.");
        writer.Line("/// </summary>");
        writer.Line(Names.GeneratedCode);
        writer.Line("public const string StateDiagram = " + Literal(Build(model)) + ";");
        writer.Line();
    }

    /// <summary>The diagram text, one statement per line.</summary>
    public static string Build(StateMachineModel model)
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        if (model.InitialState is { } initial)
        {
            text.Append("    [*] --> ").Append(initial).Append('\n');
        }

        foreach (var state in model.States.Where(state => state != model.InitialState && !model.Transitions.Any(edge => edge.From == state || edge.To == state)))
        {
            text.Append("    ").Append(state).Append('\n');
        }

        foreach (var edge in model.Transitions)
        {
            text.Append("    ").Append(edge.From).Append(" --> ").Append(edge.To).Append(" : ").Append(Label(edge.Label)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Mermaid ends a label at a line break and reads ':' and ';' as syntax.</summary>
    private static string Label(string label) => label.Replace(':', ' ').Replace(';', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
