using System.Collections.Generic;
using System.Globalization;
using System.Text;
using KieGen.Generator.Parsing;

namespace KieGen.Generator.Emit;

/// <summary>Escaping of untrusted schema text into C# literals, identifiers and XML doc comments.</summary>
internal static class Text
{
    /// <summary>A C# string literal. Everything outside printable ASCII is \u-escaped, so no text can break out.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An identifier, @-escaped when it is a keyword.</summary>
    public static string Id(string name) => CSharpNames.Escape(name);

    /// <summary>
    /// Lines of XML doc text: markup characters escaped, every line break (including U+2028/U+2029/U+0085, which
    /// end a C# comment) split into its own line, lone surrogates replaced.
    /// </summary>
    public static IEnumerable<string> DocLines(string text)
    {
        var line = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    yield return line.ToString();
                    line.Clear();
                    break;
                case '\n':
                case '\u0085':
                case '\u2028':
                case '\u2029':
                    yield return line.ToString();
                    line.Clear();
                    break;
                case '&': line.Append("&amp;"); break;
                case '<': line.Append("&lt;"); break;
                case '>': line.Append("&gt;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        line.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c) || (c < 0x20 && c != '\t') || c == '\uFFFE' || c == '\uFFFF')
                    {
                        line.Append('\uFFFD');
                    }
                    else
                    {
                        line.Append(c);
                    }

                    break;
            }
        }

        yield return line.ToString();
    }

    /// <summary>Inline XML-escaped text on one line (line breaks become spaces).</summary>
    public static string DocInline(string text) => string.Join(" ", DocLines(text));

    public static string Double(double value) => Json.JsonNumbers.ToLiteral(value);

    /// <summary>A number for documentation: invariant, exact, without trailing zeros (0.01, 10.05, 5).</summary>
    public static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for documentation: invariant and round-trippable (5, 0.1, 1E+300).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";
}
