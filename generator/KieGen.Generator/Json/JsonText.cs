using System.Globalization;
using System.Linq;
using System.Text;

namespace KieGen.Generator.Json;

/// <summary>Compact JSON text of a parsed value, and a canonical key for JSON equality.</summary>
internal static class JsonText
{
    public static string Write(JsonNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder, canonical: false);
        return builder.ToString();
    }

    /// <summary>Equal for JSON-equal values: 1 and 1.0 match, object member order does not matter.</summary>
    public static string CanonicalKey(JsonNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder, canonical: true);
        return builder.ToString();
    }

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendString(builder, value);
        return builder.ToString();
    }

    private static void Write(JsonNode node, StringBuilder builder, bool canonical)
    {
        switch (node.Kind)
        {
            case JsonKind.Object:
                builder.Append('{');
                var members = canonical ? node.Members.OrderBy(m => m.Name, System.StringComparer.Ordinal).ToList() : node.Members;
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendString(builder, members[i].Name);
                    builder.Append(':');
                    Write(members[i].Value, builder, canonical);
                }

                builder.Append('}');
                break;
            case JsonKind.Array:
                builder.Append('[');
                for (var i = 0; i < node.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(node.Items[i], builder, canonical);
                }

                builder.Append(']');
                break;
            case JsonKind.String:
                AppendString(builder, node.Text);
                break;
            case JsonKind.Number:
                builder.Append(canonical
                    ? JsonNumbers.ToDouble(node.Text).ToString("R", CultureInfo.InvariantCulture)
                    : node.Text);
                break;
            case JsonKind.True:
                builder.Append("true");
                break;
            case JsonKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
