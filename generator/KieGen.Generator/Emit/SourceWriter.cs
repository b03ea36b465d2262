using System.Text;

namespace KieGen.Generator.Emit;

/// <summary>
/// An indented text writer; output is built as text because it is faster and easier to read than syntax trees.
/// The emitter says what each member is (<see cref="ExpressionMember"/> or a block through <see cref="Open"/>); the
/// writer only indents. Blank lines are separators: <see cref="Line"/> without text asks for one, and so does the end
/// of a block; one is written only between two lines of one block, so no block starts or ends with a blank line and
/// none is doubled.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;
    private bool _separatorPending;
    private bool _atBlockStart = true;

    /// <summary>Writes a line at the current indentation; an empty <paramref name="text"/> asks for a blank line before the next one.</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _separatorPending = !_atBlockStart;
            return this;
        }

        // A closing brace ends the block the separator was asked in: it is dropped, never written before the brace.
        if (_separatorPending && text.TrimStart(' ')[0] != '}')
        {
            _builder.Append('\n');
        }

        _separatorPending = false;
        _builder.Append(' ', _indent * 4).Append(text).Append('\n');
        _atBlockStart = false;
        return this;
    }

    /// <summary>Opens a block: <paramref name="header"/>, then a brace; the lines up to <see cref="Close"/> are indented.</summary>
    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        _atBlockStart = true;
        return this;
    }

    /// <summary>
    /// Closes the innermost block; <paramref name="suffix"/> follows the brace (<c>;</c> after an initializer). A block
    /// without a suffix (a member, an <c>if</c>, a loop) is set apart from what follows it by a blank line.
    /// </summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        _separatorPending = false;
        Line("}" + suffix);
        _separatorPending = suffix.Length == 0;
        return this;
    }

    /// <summary>A member whose body is one expression: <c>header =&gt;</c>, then the expression on its own line.</summary>
    public SourceWriter ExpressionMember(string header, string expression) =>
        Line(header + " =>").Line("    " + expression + ";");

    public override string ToString() => _builder.ToString();
}
