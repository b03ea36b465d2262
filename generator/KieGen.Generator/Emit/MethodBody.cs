using System.Collections.Generic;

namespace KieGen.Generator.Emit;

/// <summary>
/// The statements of a method the emitter collects before writing it, each marked as an expression statement or not,
/// so that <see cref="Write"/> can give a body of one expression the <c>=&gt;</c> form without guessing from its text.
/// </summary>
internal sealed class MethodBody
{
    private readonly List<(string Text, bool IsExpression)> _lines = new();
    private string _indent = "";

    /// <summary>An expression statement (a call, an assignment), given without its semicolon.</summary>
    public MethodBody Expression(string expression)
    {
        _lines.Add((_indent + expression + ";", _indent.Length == 0));
        return this;
    }

    /// <summary>Any other statement or line; an empty one separates groups of statements.</summary>
    public MethodBody Statement(string line = "")
    {
        _lines.Add((line.Length == 0 ? line : _indent + line, false));
        return this;
    }

    /// <summary>Opens a nested block (<c>if</c>, <c>foreach</c>, <c>switch</c>, an initializer).</summary>
    public MethodBody Open(string header)
    {
        Statement(header).Statement("{");
        _indent += "    ";
        return this;
    }

    /// <summary>Closes the nested block; without a suffix, a blank line sets it apart from what follows (as <see cref="SourceWriter.Close"/>).</summary>
    public MethodBody Close(string suffix = "")
    {
        _indent = _indent.Substring(4);
        Statement("}" + suffix);
        return suffix.Length == 0 ? Statement() : this;
    }

    /// <summary>Adds the statements of <paramref name="other"/> at the current nesting.</summary>
    public MethodBody Append(MethodBody other)
    {
        foreach (var (text, isExpression) in other._lines)
        {
            _lines.Add((text.Length == 0 ? text : _indent + text, isExpression && _indent.Length == 0));
        }

        return this;
    }

    /// <summary>Lines collected so far, separators included: zero for a method with nothing to do.</summary>
    public int Count => _lines.Count;

    /// <summary>The method: expression-bodied when its body is one expression statement, a block otherwise.</summary>
    public void Write(SourceWriter writer, string header)
    {
        if (_lines.Count == 1 && _lines[0].IsExpression)
        {
            writer.ExpressionMember(header, _lines[0].Text.Substring(0, _lines[0].Text.Length - 1));
            return;
        }

        writer.Open(header);
        foreach (var (text, _) in _lines)
        {
            writer.Line(text);
        }

        writer.Close();
    }
}
