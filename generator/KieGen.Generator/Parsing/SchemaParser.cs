using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Parsing;

/// <summary>
/// Reads one <c>*.kie.json</c> file into a <see cref="ModelSpec"/>. Never throws: every problem becomes a
/// positioned diagnostic, and a file with any error yields no model.
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>
    /// Above this many values a string or integer enum stays a plain string or long checked against a set: a C# enum
    /// with thousands of members (each with docs, a switch case and a wire name) makes the generated file too big to
    /// compile in reasonable time.
    /// </summary>
    public const int MaxCSharpEnumMembers = 256;

    private readonly string _path;
    private readonly LineMap _lines;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<DeclaredType> _declared = new();
    private int _nextNodeId;

    private SchemaParser(string path, string text)
    {
        _path = path;
        _lines = new LineMap(text);
    }

    public static ParseResult Parse(string path, string text, GeneratorOptions options)
    {
        var parser = new SchemaParser(path, text);
        ModelSpec? model = null;
        try
        {
            var root = JsonParser.Parse(text);
            parser.CheckDuplicateMembers(root);
            model = parser.ParseFile(root, options);
        }
        catch (JsonSyntaxException e)
        {
            parser.Report(KieDiagnostics.MalformedJson, e.Offset, Math.Min(e.Offset + 1, text.Length), e.Message);
        }
        catch (Exception e)
        {
            parser.Report(KieDiagnostics.InternalError, 0, 0, e.GetType().Name + ": " + e.Message);
        }

        var hasErrors = parser._diagnostics.Count > 0;
        var declared = hasErrors || model is null ? null : new DeclaredTypes(path, model.ModelId, model.Namespace, parser._declared.ToEquatableArray());
        return new ParseResult(path, hasErrors ? null : model, declared, parser._diagnostics.ToEquatableArray());
    }

    /// <param name="keyword">Where the schema sits (<c>input</c>, <c>items</c>, a property name), for messages.</param>
    private SchemaNode? ParseSchema(JsonNode json, string keyword, string typeBase, string? className = null, bool isRoot = false)
    {
        if (json.Kind == JsonKind.True && !isRoot)
        {
            return AnyNode(NextId());
        }

        if (json.Kind == JsonKind.False && _untypedDepth > 0)
        {
            return AnyNode(NextId()) with { Never = true }; // inside a branch or condition: this member is forbidden
        }

        if (json.Kind != JsonKind.Object)
        {
            Report(json.Kind == JsonKind.False ? KieDiagnostics.UnsupportedKeyword : KieDiagnostics.WrongKeywordType, json,
                json.Kind == JsonKind.False ? "false (a schema that accepts nothing)" : keyword,
                isRoot ? "a JSON Schema object describing the parameters object" : "a JSON Schema object");
            return null;
        }

        if (TryParseReference(json, typeBase, className, isRoot, out var referenced))
        {
            return referenced;
        }

        var id = NextId();
        var errorsBefore = _diagnostics.Count;
        foreach (var member in json.Members)
        {
            if (Keywords.Unsupported.Contains(member.Name))
            {
                Report(KieDiagnostics.UnsupportedKeyword, member.NameStart, member.NameEnd, member.Name);
            }
            else if (!Keywords.SchemaKeywords.Contains(member.Name) && !member.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                ReportUnknown(member, Keywords.SchemaKeywords);
            }
        }

        var description = OptionalString(json, "description") ?? OptionalString(json, "title") ?? "";
        OptionalString(json, "$comment");
        OptionalString(json, "$schema");
        var deprecated = OptionalBool(json, "deprecated") ?? false;

        var kind = ParseType(json, isRoot);
        var enumNode = json.Find("enum")?.Value;
        var constNode = json.Find("const")?.Value;
        if (kind is null && json.Find("type") is null)
        {
            kind = Infer(enumNode, constNode);
        }

        if (kind is null)
        {
            return null;
        }

        var minLength = Count(json, "minLength");
        var maxLength = Count(json, "maxLength");
        var minItems = Count(json, "minItems");
        var maxItems = Count(json, "maxItems");
        var minimum = Bound(json, "minimum");
        var maximum = Bound(json, "maximum");
        var exclusiveMinimum = Bound(json, "exclusiveMinimum");
        var exclusiveMaximum = Bound(json, "exclusiveMaximum");
        var multipleOf = Number(json, "multipleOf");
        var uniqueItems = OptionalBool(json, "uniqueItems") ?? false;
        var pattern = OptionalString(json, "pattern");
        var format = OptionalString(json, "format");

        if (multipleOf is <= 0)
        {
            WrongType(json.Find("multipleOf")!.Value, "multipleOf", "a number greater than 0");
        }

        if (pattern is not null)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                Report(KieDiagnostics.InvalidPattern, json.Find("pattern")!.Value, JsonText.Quote(pattern), e.Message);
            }
        }

        if (format is not null && format != "uri")
        {
            Report(KieDiagnostics.InvalidValue, json.Find("format")!.Value, "format", JsonText.Quote(format), "only \"uri\" is supported");
        }

        CheckMinMax(json, "minLength", minLength, "maxLength", maxLength);
        CheckMinMax(json, "minItems", minItems, "maxItems", maxItems);
        CheckMinMax(json, "minimum", minimum, "maximum", maximum);
        CheckApplies(json, kind.Value, NodeKind.String, "minLength", "maxLength", "pattern", "format");
        CheckApplies(json, kind.Value, NodeKind.Integer, "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");
        CheckApplies(json, kind.Value, NodeKind.Array, "items", "minItems", "maxItems", "uniqueItems");
        CheckApplies(json, kind.Value, NodeKind.Object, "properties", "required", "additionalProperties");

        var propertiesMember = json.Find("properties");
        var isClass = isRoot || (kind == NodeKind.Object && propertiesMember is not null && _untypedDepth == 0);
        if (isClass && !isRoot)
        {
            className = UniqueTypeName(typeBase, json);
        }

        // Children.
        SchemaNode? items = null;
        var itemsMember = json.Find("items");
        if (itemsMember is not null)
        {
            items = ParseSchema(itemsMember.Value, "items", typeBase + "Item");
        }
        else if (kind == NodeKind.Array)
        {
            items = AnyNode(NextId());
        }

        var properties = new List<PropertySpec>();
        if (propertiesMember is not null)
        {
            if (!RequireKind(propertiesMember.Value, JsonKind.Object, "properties", "an object mapping parameter names to schemas"))
            {
            }
            else
            {
                properties = ParseProperties(propertiesMember.Value, typeBase, className);
            }
        }

        var required = ParseRequired(json, isClass ? properties : null);
        if (isClass)
        {
            properties = properties.Select(p => p with { Required = required.Contains(p.WireName) }).ToList();
        }

        var additionalAllowed = true;
        SchemaNode? additionalSchema = null;
        var additionalMember = json.Find("additionalProperties");
        if (additionalMember is not null)
        {
            if (additionalMember.Value.Kind == JsonKind.False)
            {
                additionalAllowed = false;
            }
            else if (additionalMember.Value.Kind != JsonKind.True)
            {
                additionalSchema = ParseSchema(additionalMember.Value, "additionalProperties", typeBase + "Extra");
            }
        }

        // Enumerations and constants.
        var members = new List<EnumMember>();
        string? enumTypeName = null;
        if (enumNode is not null)
        {
            members = ApplyEnumDeprecations(json, ParseEnum(json, enumNode, kind.Value), kind.Value);
            if ((kind == NodeKind.String || kind == NodeKind.Integer) && members.Count > 0 && members.Count <= MaxCSharpEnumMembers && _untypedDepth == 0
                && !IsAdvisory(json, "enum")) // an advisory enum must carry values it does not list: a plain string
            {
                enumTypeName = UniqueTypeName(typeBase, json);
            }

            // A deprecated value's message names its replacement's C# member, where the enum is a C# enum.
            members = members.Select(m => m.Deprecation is { ReplacementType: { } member } deprecation
                ? m with { Deprecation = deprecation with { ReplacementType = enumTypeName is null ? null : enumTypeName + "." + member } }
                : m).ToList();
        }
        else
        {
            if (json.Find("x-enumNames") is { } enumNames)
            {
                Report(KieDiagnostics.InvalidValue, enumNames.NameStart, enumNames.NameEnd, "x-enumNames", JsonText.Write(enumNames.Value), "it names enum values, but the schema has no 'enum'");
            }

            if (json.Find(EnumDeprecatedKeyword) is { } enumDeprecated)
            {
                Report(KieDiagnostics.InvalidEnumDeprecation, enumDeprecated.NameStart, enumDeprecated.NameEnd, "marks enum values, but the schema has no 'enum'");
            }
        }

        string? constJson = null;
        if (constNode is not null)
        {
            if (!MatchesKind(constNode, kind.Value))
            {
                Report(KieDiagnostics.InvalidValue, constNode, "const", JsonText.Write(constNode), "it is not " + KindText(kind.Value));
            }

            constJson = kind == NodeKind.Integer && JsonNumbers.TryToInt64(constNode.Text, out var integer)
                ? integer.ToString(CultureInfo.InvariantCulture)
                : JsonText.Write(constNode);
            if (members.Count > 0 && members.All(m => m.Json != constJson && m.Json != JsonText.CanonicalKey(constNode)))
            {
                Report(KieDiagnostics.InvalidValue, constNode, "const", JsonText.Write(constNode), "it is not one of the enum values, so no value is allowed");
            }
        }

        var defaultMember = json.Find("default");
        var defaultJson = defaultMember is null ? null : JsonText.Write(defaultMember.Value);

        if (kind == NodeKind.Object && !isClass)
        {
            kind = NodeKind.Json; // an object without declared properties stays raw JSON
        }

        var node = new SchemaNode(
            id, isClass ? NodeKind.Object : kind.Value, RequireObject: json.Find("type")?.Value.Text == "object" && !isClass,
            description, deprecated, defaultJson, minLength, maxLength, pattern, format == "uri", minimum, maximum,
            exclusiveMinimum, exclusiveMaximum, multipleOf, minItems, maxItems, uniqueItems, items,
            properties.ToEquatableArray(), additionalAllowed, additionalSchema,
            isClass ? EquatableArray<string>.Empty : required.ToEquatableArray(),
            members.ToEquatableArray(), enumTypeName, constJson,
            isClass ? className : null);

        if (defaultMember is not null)
        {
            CheckDefault(defaultMember.Value, node, enumNode);
        }

        node = ApplyAdvisory(json, node, required);

        node = ApplyFormatAdditions(json, node, typeBase);
        return _diagnostics.Count == errorsBefore ? node : null;
    }

/// <summary>
    /// A type name unique in this file (suffix <c>_2</c>, <c>_3</c>, ...), starting with an upper-case letter (an
    /// all-lower-case type name draws CS8981), and recorded with the schema that caused it for the cross-file rules.
    /// </summary>
    private string UniqueTypeName(string name, JsonNode cause)
    {
        var unique = CSharpNames.Unique(new[] { CSharpNames.UpperFirst(name) }, _typeNames)[0];
        _declared.Add(new DeclaredType(unique, Span(cause.Start, cause.End)));
        return unique;
    }

    private int NextId() => _nextNodeId++;

    private SchemaNode AnyNode(int id) => new(
        id, NodeKind.Json, false, "", false, null, null, null, null, false, null, null, null, null, null, null, null, false,
        null, EquatableArray<PropertySpec>.Empty, true, null, EquatableArray<string>.Empty, EquatableArray<EnumMember>.Empty,
        null, null, null);

    private SourceSpan Span(int start, int end)
    {
        var (startLine, startColumn) = _lines.Position(start);
        var (endLine, endColumn) = _lines.Position(end);
        return new SourceSpan(start, end - start, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>True when <paramref name="value"/> is of <paramref name="kind"/>; otherwise reports that <paramref name="keyword"/> must be <paramref name="expected"/> (KIE003).</summary>
    private bool RequireKind(JsonNode value, JsonKind kind, string keyword, string expected)
    {
        if (value.Kind == kind)
        {
            return true;
        }

        WrongType(value, keyword, expected);
        return false;
    }

    /// <summary>Reports that <paramref name="keyword"/> must be <paramref name="expected"/> (KIE003) at <paramref name="value"/>.</summary>
    private void WrongType(JsonNode value, string keyword, string expected) =>
        Report(KieDiagnostics.WrongKeywordType, value, keyword, expected);

    private void Report(DiagnosticDescriptor descriptor, JsonNode node, params string[] arguments) =>
        Report(descriptor, node.Start, node.End, arguments);

    private void Report(DiagnosticDescriptor descriptor, int start, int end, params string[] arguments)
    {
        var span = Span(start, end);
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, _path, span.Start, span.Length, span.StartLine, span.StartColumn, span.EndLine, span.EndColumn, arguments.ToEquatableArray()));
    }
}
