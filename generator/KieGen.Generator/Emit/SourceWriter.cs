using System.Collections.Generic;
using System.Text;

namespace KieGen.Generator.Emit;

/// <summary>
/// An indented text writer; output is built as text because it is faster and easier to read than syntax trees.
/// A method whose body turns out to be a single expression statement is written expression-bodied
/// (<c>void CheckPrompt(...) =&gt; KieCheck.Length(...);</c>), so small helpers take two lines instead of four.
/// </summary>
internal sealed class SourceWriter
{
    private static readonly string[] StatementKeywords = { "if ", "if(", "for ", "foreach ", "switch ", "while ", "return", "var ", "throw ", "break", "using ", "do", "lock ", "try", "yield " };

    private readonly StringBuilder _builder = new();
    private readonly Stack<Block> _blocks = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        if (_blocks.Count > 0)
        {
            _blocks.Peek().Lines++;
        }

        return this;
    }

    public SourceWriter Open(string header)
    {
        var start = _builder.Length;
        Line(header);
        Line("{");
        _blocks.Push(new Block(header, start, _builder.Length));
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        var block = _blocks.Pop();
        if (suffix.Length == 0 && block.Lines == 1 && IsMethodHeader(block.Header) && _builder.ToString(block.BodyStart, _builder.Length - block.BodyStart).Trim() is var body && IsExpressionStatement(body))
        {
            _builder.Length = block.Start;
            Line(block.Header + " =>");
            _indent++;
            Line(body);
            _indent--;
            return this;
        }

        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();

    private static bool IsMethodHeader(string header) =>
        (header.StartsWith("internal ", System.StringComparison.Ordinal) || header.StartsWith("private ", System.StringComparison.Ordinal) ||
         header.StartsWith("public ", System.StringComparison.Ordinal)) && header.EndsWith(")", System.StringComparison.Ordinal);

    private static bool IsExpressionStatement(string line)
    {
        if (!line.EndsWith(";", System.StringComparison.Ordinal) || line.IndexOf('\n') >= 0 || line.StartsWith("//", System.StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var keyword in StatementKeywords)
        {
            if (line.StartsWith(keyword, System.StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Block
    {
        public Block(string header, int start, int bodyStart)
        {
            Header = header;
            Start = start;
            BodyStart = bodyStart;
        }

        public string Header { get; }

        /// <summary>Where the header starts in the text.</summary>
        public int Start { get; }

        /// <summary>Where the body starts, after the opening brace.</summary>
        public int BodyStart { get; }

        /// <summary>Lines written inside the block so far (nested blocks count their own lines here too).</summary>
        public int Lines { get; set; }
    }
}
