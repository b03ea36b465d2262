using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KieGen.Import;

/// <summary>What a saved document held: the OpenAPI document (null when Kie had not synced it) and the model it names.</summary>
/// <param name="OpenApi">The OpenAPI document, or null for a <c>/schema</c> answer with <c>"openapi": null</c>.</param>
/// <param name="Model">The model id of a <c>/schema</c> answer; null for a bare document.</param>
public sealed record KieDocument(JsonNode? OpenApi, string? Model);

/// <summary>
/// Reads what a user may have saved: Kie's <c>/schema</c> answer (<c>{model, openapi}</c>, with or without the
/// <c>{code, msg, data}</c> envelope), a bare OpenAPI document in JSON or YAML, or a docs page (<c>.md</c>) that embeds
/// one fenced OpenAPI block.
/// </summary>
public static class KieDocumentReader
{
    /// <summary>Reads <paramref name="bytes"/>; <paramref name="fileName"/> only helps tell a docs page from YAML.</summary>
    public static KieDocument Read(ReadOnlySpan<byte> bytes, string fileName)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || text.Contains("\n```", StringComparison.Ordinal) || text.StartsWith("```", StringComparison.Ordinal))
        {
            text = FencedBlock(text, fileName);
        }

        var node = text.TrimStart().StartsWith('{') ? ParseJson(text, fileName) : ParseYaml(text, fileName);
        if (node is JsonObject envelope && envelope["data"] is JsonObject data && envelope.ContainsKey("code"))
        {
            node = data;
        }

        if (node is JsonObject answer && answer.ContainsKey("openapi") && answer["openapi"] is not JsonValue && answer.ContainsKey("model"))
        {
            return new KieDocument(answer["openapi"], (answer["model"] as JsonValue)?.ToString());
        }

        return new KieDocument(node, null);
    }

    private static string FencedBlock(string page, string fileName)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal) && l.Trim().Length > 3 && l.Trim()[3..].Trim() is "yaml" or "yml" or "json");
        if (start < 0)
        {
            throw new KieImportException("", $"{fileName} has no fenced ```yaml or ```json block holding an OpenAPI document");
        }

        var end = Array.FindIndex(lines, start + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        if (end < 0)
        {
            throw new KieImportException("", $"{fileName}: the fenced block opened on line {start + 1} is never closed");
        }

        return string.Join('\n', lines[(start + 1)..end]);
    }

    private static JsonNode ParseJson(string text, string fileName)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) ?? throw new KieImportException("", $"{fileName} holds JSON null");
        }
        catch (JsonException e)
        {
            throw new KieImportException("", $"{fileName} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    private static JsonNode ParseYaml(string text, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KieImportException("", $"{fileName} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new KieImportException("", $"{fileName} is empty");
        }

        return ToJson(stream.Documents[0].RootNode, "", 0) ?? throw new KieImportException("", $"{fileName} holds null");
    }

    /// <summary>YAML to JSON; anchors and aliases are already shared nodes, each copied where it is used.</summary>
    private static JsonNode? ToJson(YamlNode node, string pointer, int depth)
    {
        if (depth > 256)
        {
            throw new KieImportException(pointer, "the YAML is nested more than 256 deep (or an alias refers to its own ancestor)");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = key is YamlScalarNode s ? s.Value ?? "" : throw new KieImportException(pointer, "a mapping key is not a plain value");
                    if (obj.ContainsKey(name))
                    {
                        throw new KieImportException(pointer + "/" + SchemaInliner.Escape(name), "the same key twice in one mapping");
                    }

                    obj[name] = ToJson(value, pointer + "/" + SchemaInliner.Escape(name), depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select((c, i) => ToJson(c, pointer + "/" + i, depth + 1)).ToArray());
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
                {
                    return JsonValue.Create(text);
                }

                return text switch
                {
                    "" or "~" or "null" or "Null" or "NULL" => null,
                    "true" or "True" or "TRUE" => JsonValue.Create(true),
                    "false" or "False" or "FALSE" => JsonValue.Create(false),
                    _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
                    _ when text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
                    _ => JsonValue.Create(text),
                };
            default:
                throw new KieImportException(pointer, $"unsupported YAML node {node.NodeType}");
        }
    }
}
