using System;
using System.Globalization;
using System.Text;

namespace KieGen.Generator.Json;

/// <summary>Thrown inside the parser only; the schema parser turns it into a KIE001 diagnostic.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(int offset, string message)
        : base(message)
    {
        Offset = offset;
    }

    public int Offset { get; }
}

/// <summary>
/// A strict RFC 8259 reader that keeps the offset of every token. Hand-written because System.Text.Json is not
/// reliably loadable in every compiler host, and because diagnostics need exact positions.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private JsonParser(string text) => _text = text;

    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        if (parser._pos < text.Length && text[parser._pos] == '\uFEFF')
        {
            parser._pos++;
            parser.SkipWhitespace();
        }

        var root = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._pos < text.Length)
        {
            throw new JsonSyntaxException(parser._pos, "unexpected text after the end of the JSON document");
        }

        return root;
    }

    private JsonNode ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException(_pos, "nesting is deeper than " + MaxDepth + " levels");
        }

        if (_pos >= _text.Length)
        {
            throw new JsonSyntaxException(_pos, "unexpected end of file; a value was expected");
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
            {
                var node = new JsonNode(JsonKind.String, _pos);
                node.Text = ParseString();
                node.End = _pos;
                return node;
            }

            case 't':
                return ParseLiteral("true", JsonKind.True);
            case 'f':
                return ParseLiteral("false", JsonKind.False);
            case 'n':
                return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxException(_pos, "unexpected character '" + Printable(c) + "'; a value was expected");
        }
    }

    private JsonNode ParseObject(int depth)
    {
        var node = new JsonNode(JsonKind.Object, _pos);
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            node.End = _pos;
            return node;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException(_pos, _pos >= _text.Length
                    ? "unexpected end of file inside an object"
                    : "a property name in double quotes was expected");
            }

            var nameStart = _pos;
            var name = ParseString();
            var nameEnd = _pos;
            SkipWhitespace();
            Expect(':', "':' was expected after the property name");
            SkipWhitespace();
            var value = ParseValue(depth + 1);
            node.Members.Add(new JsonMember(name, nameStart, nameEnd, value));
            SkipWhitespace();
            var next = Peek();
            if (next == ',')
            {
                _pos++;
                SkipWhitespace();
                if (Peek() == '}')
                {
                    throw new JsonSyntaxException(_pos - 1, "trailing comma before '}'");
                }

                continue;
            }

            if (next == '}')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            throw new JsonSyntaxException(_pos, _pos >= _text.Length
                ? "unexpected end of file inside an object"
                : "',' or '}' was expected");
        }
    }

    private JsonNode ParseArray(int depth)
    {
        var node = new JsonNode(JsonKind.Array, _pos);
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            node.End = _pos;
            return node;
        }

        while (true)
        {
            SkipWhitespace();
            node.Items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            if (next == ',')
            {
                _pos++;
                SkipWhitespace();
                if (Peek() == ']')
                {
                    throw new JsonSyntaxException(_pos - 1, "trailing comma before ']'");
                }

                continue;
            }

            if (next == ']')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            throw new JsonSyntaxException(_pos, _pos >= _text.Length
                ? "unexpected end of file inside an array"
                : "',' or ']' was expected");
        }
    }

    private string ParseString()
    {
        var start = _pos;
        _pos++; // opening quote
        StringBuilder? builder = null;
        var runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException(start, "unterminated string");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                var tail = _text.Substring(runStart, _pos - runStart);
                _pos++;
                return builder is null ? tail : builder.Append(tail).ToString();
            }

            if (c < 0x20)
            {
                throw new JsonSyntaxException(_pos, "control character in a string; write it as an escape such as \\n");
            }

            if (c != '\\')
            {
                _pos++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _pos - runStart);
            _pos++;
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException(start, "unterminated string");
            }

            var escape = _text[_pos];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 >= _text.Length ||
                        !int.TryParse(_text.Substring(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException(_pos - 1, "invalid \\u escape; four hex digits were expected");
                    }

                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new JsonSyntaxException(_pos - 1, "invalid escape '\\" + Printable(escape) + "'");
            }

            _pos++;
            runStart = _pos;
        }
    }

    private JsonNode ParseNumber()
    {
        var node = new JsonNode(JsonKind.Number, _pos);
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw new JsonSyntaxException(_pos, "a digit was expected");
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException(_pos, "a digit was expected after the decimal point");
            }

            SkipDigits();
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException(_pos, "a digit was expected in the exponent");
            }

            SkipDigits();
        }

        node.Text = _text.Substring(start, _pos - start);
        node.End = _pos;
        if (double.IsInfinity(JsonNumbers.ToDouble(node.Text)))
        {
            throw new JsonSyntaxException(start, "number is too large");
        }

        return node;
    }

    private JsonNode ParseLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException(_pos, "unknown literal; true, false or null was expected");
        }

        var node = new JsonNode(kind, _pos);
        _pos += literal.Length;
        node.End = _pos;
        return node;
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            _pos++;
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private void Expect(char c, string message)
    {
        if (Peek() != c)
        {
            throw new JsonSyntaxException(_pos, message);
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string Printable(char c) => c < 0x20 || c > 0x7E ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();
}
