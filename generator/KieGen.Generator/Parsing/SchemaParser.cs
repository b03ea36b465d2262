using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Parsing;

/// <summary>
/// Reads one <c>*.kie.json</c> file into a <see cref="ModelSpec"/>. Never throws: every problem becomes a
/// positioned diagnostic, and a file with any error yields no model.
/// </summary>
internal sealed partial class SchemaParser
{
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "KieModel", "ModelInfo", "Validate", "WriteProperties", "TryParse", "CreateBuilder", "Builder",
        "AdditionalProperties", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "ReferenceEquals",
    };

    private readonly string _path;
    private readonly LineMap _lines;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
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
        return new ParseResult(path, hasErrors ? null : model, parser._diagnostics.ToEquatableArray());
    }

    private ModelSpec? ParseFile(JsonNode root, GeneratorOptions options)
    {
        if (root.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.WrongKeywordType, root, "(file)", "a JSON object describing one model");
            return null;
        }

        foreach (var member in root.Members)
        {
            if (!Keywords.FileMembers.Contains(member.Name))
            {
                ReportUnknown(member, Keywords.FileMembers);
            }
        }

        var modelId = RequiredString(root, "model", null);
        var family = RequiredString(root, "family", "the API family: " + string.Join(", ", Keywords.Families));
        var category = RequiredString(root, "category", "the catalog category, for example \"image\" or \"video\"");
        var result = RequiredString(root, "result", "the result kind: " + string.Join(", ", Keywords.ResultKinds));
        var title = OptionalString(root, "title") ?? "";
        var description = OptionalString(root, "description") ?? "";
        OptionalString(root, "$comment");
        OptionalString(root, "$schema");

        if (family is not null && !Keywords.Families.Contains(family.Value))
        {
            Report(KieDiagnostics.InvalidValue, family.Node, "family", JsonText.Quote(family.Value), "use one of " + string.Join(", ", Keywords.Families));
        }

        if (result is not null && !Keywords.ResultKinds.Contains(result.Value))
        {
            Report(KieDiagnostics.InvalidValue, result.Node, "result", JsonText.Quote(result.Value), "use one of " + string.Join(", ", Keywords.ResultKinds));
        }

        if (category is not null && !Regex.IsMatch(category.Value, "^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant))
        {
            Report(KieDiagnostics.InvalidValue, category.Node, "category", JsonText.Quote(category.Value), "use a lower-case word such as \"video\"");
        }

        var isMarket = family?.Value == "market";
        var (createPath, statusPath) = ParseEndpoint(root, isMarket, family is not null && Keywords.Families.Contains(family.Value));
        var bodyStyle = OptionalString(root, "bodyStyle") ?? (isMarket ? "input" : "flat");
        if (bodyStyle != "input" && bodyStyle != "flat")
        {
            Report(KieDiagnostics.InvalidValue, root.Find("bodyStyle")!.Value, "bodyStyle", JsonText.Quote(bodyStyle), "use \"input\" ({model, callBackUrl, input}) or \"flat\" (parameters at the top level)");
        }

        var (callbackField, callbackRequired) = ParseCallback(root);

        string? typeBase = null;
        var csharpName = root.Find("csharpName");
        if (csharpName is not null)
        {
            var name = OptionalString(root, "csharpName");
            if (name is not null && !CSharpNames.IsValidIdentifier(name))
            {
                Report(KieDiagnostics.InvalidValue, csharpName.Value, "csharpName", JsonText.Quote(name), "it must be a C# identifier");
            }

            typeBase = name;
        }

        if (modelId is null)
        {
            if (root.Find("model") is null)
            {
                Report(KieDiagnostics.MissingModelId, root.Start, root.Start + 1);
            }

            return null;
        }

        if (modelId.Value.Trim().Length == 0)
        {
            Report(KieDiagnostics.InvalidValue, modelId.Node, "model", "\"\"", "the Kie model id must not be empty");
            return null;
        }

        typeBase ??= CSharpNames.Pascal(modelId.Value, "Model");
        var typeName = typeBase + "Request";
        _typeNames.Add(typeName);

        var inputMember = root.Find("input");
        if (inputMember is null)
        {
            Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, "input", "the parameters as a JSON Schema object");
            return null;
        }

        var input = ParseSchema(inputMember.Value, typeBase, typeName, isRoot: true);
        var deprecation = ParseDeprecated(root, modelId.Value);
        var topLevel = ParseTopLevel(root, bodyStyle, callbackField, typeBase, typeName, input ?? AnyNode(NextId()));
        if (input is null || family is null || category is null || result is null)
        {
            return null;
        }

        var ns = options.BaseNamespace + "." + CSharpNames.Pascal(category.Value, "C");
        return new ModelSpec(
            _path, modelId.Value, family.Value, category.Value, result.Value, title, description, ns, typeName,
            createPath ?? "", statusPath ?? "", bodyStyle, callbackField, callbackRequired, input, Span(modelId.Node.Start, modelId.Node.End))
        {
            Deprecation = deprecation,
            TopLevel = topLevel,
        };
    }

    private (string? Create, string? Status) ParseEndpoint(JsonNode root, bool isMarket, bool familyKnown)
    {
        var member = root.Find("endpoint");
        if (member is null)
        {
            if (familyKnown && !isMarket)
            {
                Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, "endpoint", "the special families need {\"create\": path, \"status\": path}");
            }

            return isMarket ? ("/api/v1/jobs/createTask", "/api/v1/jobs/recordInfo") : (null, null);
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "endpoint", "an object {\"create\": path, \"status\": path}");
            return (null, null);
        }

        foreach (var m in member.Value.Members)
        {
            if (m.Name != "create" && m.Name != "status")
            {
                ReportUnknown(m, new[] { "create", "status" });
            }
        }

        string? Path(string name, string fallback)
        {
            var value = OptionalString(member.Value, name);
            if (value is null)
            {
                if (member.Value.Find(name) is null && !isMarket)
                {
                    Report(KieDiagnostics.MissingField, member.Value.Start, member.Value.Start + 1, "endpoint." + name, "the path of the " + name + " endpoint");
                }

                return isMarket ? fallback : null;
            }

            if (!value.StartsWith("/", StringComparison.Ordinal))
            {
                Report(KieDiagnostics.InvalidValue, member.Value.Find(name)!.Value, "endpoint." + name, JsonText.Quote(value), "a path starting with '/' was expected");
            }

            return value;
        }

        return (Path("create", "/api/v1/jobs/createTask"), Path("status", "/api/v1/jobs/recordInfo"));
    }

    private (string Field, bool Required) ParseCallback(JsonNode root)
    {
        var member = root.Find("callback");
        if (member is null)
        {
            return ("callBackUrl", false);
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "callback", "an object {\"field\": name, \"required\": bool}");
            return ("callBackUrl", false);
        }

        foreach (var m in member.Value.Members)
        {
            if (m.Name != "field" && m.Name != "required")
            {
                ReportUnknown(m, new[] { "field", "required" });
            }
        }

        var field = OptionalString(member.Value, "field") ?? "callBackUrl";
        var required = OptionalBool(member.Value, "required") ?? false;
        return (field, required);
    }

    private SchemaNode? ParseSchema(JsonNode json, string typeBase, string? className = null, bool isRoot = false)
    {
        if (json.Kind == JsonKind.True)
        {
            return AnyNode(NextId());
        }

        if (json.Kind != JsonKind.Object)
        {
            Report(json.Kind == JsonKind.False ? KieDiagnostics.UnsupportedKeyword : KieDiagnostics.WrongKeywordType, json,
                json.Kind == JsonKind.False ? "false (a schema that accepts nothing)" : "schema", "a JSON Schema object");
            return null;
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
        var minimum = Number(json, "minimum");
        var maximum = Number(json, "maximum");
        var exclusiveMinimum = Number(json, "exclusiveMinimum");
        var exclusiveMaximum = Number(json, "exclusiveMaximum");
        var multipleOf = Number(json, "multipleOf");
        var uniqueItems = OptionalBool(json, "uniqueItems") ?? false;
        var pattern = OptionalString(json, "pattern");
        var format = OptionalString(json, "format");

        if (multipleOf is <= 0)
        {
            Report(KieDiagnostics.WrongKeywordType, json.Find("multipleOf")!.Value, "multipleOf", "a number greater than 0");
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
        var isClass = isRoot || (kind == NodeKind.Object && propertiesMember is not null);
        if (isClass && !isRoot)
        {
            className = UniqueTypeName(typeBase);
        }

        // Children.
        SchemaNode? items = null;
        var itemsMember = json.Find("items");
        if (itemsMember is not null)
        {
            items = ParseSchema(itemsMember.Value, typeBase + "Item");
        }
        else if (kind == NodeKind.Array)
        {
            items = AnyNode(NextId());
        }

        var properties = new List<PropertySpec>();
        if (propertiesMember is not null)
        {
            if (propertiesMember.Value.Kind != JsonKind.Object)
            {
                Report(KieDiagnostics.WrongKeywordType, propertiesMember.Value, "properties", "an object mapping parameter names to schemas");
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
                additionalSchema = ParseSchema(additionalMember.Value, typeBase + "Extra");
            }
        }

        // Enumerations and constants.
        var members = new List<EnumMember>();
        string? enumTypeName = null;
        if (enumNode is not null)
        {
            members = ParseEnum(json, enumNode, kind.Value);
            if ((kind == NodeKind.String || kind == NodeKind.Integer) && members.Count > 0)
            {
                enumTypeName = UniqueTypeName(typeBase);
            }
        }

        string? constJson = null;
        if (constNode is not null)
        {
            if (!MatchesKind(constNode, kind.Value))
            {
                Report(KieDiagnostics.InvalidValue, constNode, "const", JsonText.Write(constNode), "it is not " + KindText(kind.Value));
            }

            constJson = JsonText.Write(constNode);
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

        return _diagnostics.Count == errorsBefore ? node : null;
    }

    private List<PropertySpec> ParseProperties(JsonNode properties, string typeBase, string? rootClassName)
    {
        var result = new List<PropertySpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in properties.Members)
        {
            var overrideName = member.Value.Kind == JsonKind.Object ? OptionalString(member.Value, "x-csharpName") : null;
            var derived = CSharpNames.Pascal(member.Name, "V");
            var name = overrideName ?? derived;
            if (overrideName is not null && !CSharpNames.IsValidIdentifier(overrideName))
            {
                Report(KieDiagnostics.InvalidValue, member.Value.Find("x-csharpName")!.Value, "x-csharpName", JsonText.Quote(overrideName), "it must be a C# identifier");
                continue;
            }

            if (overrideName is null && (ReservedMembers.Contains(name) || name == rootClassName))
            {
                name += "Value"; // keeps generated members (Validate, Builder, ...) and the type name free
            }

            if (names.TryGetValue(name, out var other))
            {
                Report(KieDiagnostics.NameCollision, member.NameStart, member.NameEnd,
                    "Parameters '" + other + "' and '" + member.Name + "' both become the C# property '" + name + "'");
                continue;
            }

            names.Add(name, member.Name);
            var schema = ParseSchema(member.Value, typeBase + name);
            if (schema is not null)
            {
                result.Add(new PropertySpec(member.Name, name, false, schema));
            }
        }

        return result;
    }

    private HashSet<string> ParseRequired(JsonNode json, List<PropertySpec>? declared)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var member = json.Find("required");
        if (member is null)
        {
            return result;
        }

        if (member.Value.Kind != JsonKind.Array || member.Value.Items.Any(i => i.Kind != JsonKind.String))
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "required", "an array of property names");
            return result;
        }

        foreach (var item in member.Value.Items)
        {
            if (!result.Add(item.Text))
            {
                Report(KieDiagnostics.InvalidValue, item, "required", JsonText.Quote(item.Text), "it is listed more than once");
            }
            else if (declared is not null && declared.All(p => p.WireName != item.Text) &&
                     json.Find("properties")?.Value.Find(item.Text) is null)
            {
                Report(KieDiagnostics.UndeclaredRequired, item, item.Text);
            }
        }

        return result;
    }

    private List<EnumMember> ParseEnum(JsonNode json, JsonNode enumNode, NodeKind kind)
    {
        var members = new List<EnumMember>();
        if (enumNode.Kind != JsonKind.Array)
        {
            Report(KieDiagnostics.WrongKeywordType, enumNode, "enum", "an array of allowed values");
            return members;
        }

        if (enumNode.Items.Count == 0)
        {
            Report(KieDiagnostics.EmptyEnum, enumNode);
            return members;
        }

        var overrides = ParseEnumNames(json);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rawNames = new List<string>();
        var values = new List<JsonNode>();
        foreach (var item in enumNode.Items)
        {
            if (!seen.Add(JsonText.CanonicalKey(item)))
            {
                Report(KieDiagnostics.DuplicateEnumValue, item, JsonText.Write(item));
                continue;
            }

            if (!MatchesKind(item, kind))
            {
                Report(KieDiagnostics.InvalidValue, item, "enum", JsonText.Write(item), "it is not " + KindText(kind));
                continue;
            }

            var wire = item.Kind == JsonKind.String ? item.Text : JsonText.Write(item);
            rawNames.Add(overrides.TryGetValue(wire, out var name) ? name : CSharpNames.Pascal(wire, "V"));
            values.Add(item);
        }

        var unique = CSharpNames.Unique(rawNames, new HashSet<string>(StringComparer.Ordinal));
        for (var i = 0; i < values.Count; i++)
        {
            var display = values[i].Kind == JsonKind.String ? values[i].Text : JsonText.Write(values[i]);
            members.Add(new EnumMember(JsonText.Write(values[i]), display, unique[i]));
        }

        return members;
    }

    private Dictionary<string, string> ParseEnumNames(JsonNode json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var member = json.Find("x-enumNames");
        if (member is null)
        {
            return result;
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "x-enumNames", "an object mapping enum values to C# names");
            return result;
        }

        foreach (var entry in member.Value.Members)
        {
            if (entry.Value.Kind != JsonKind.String || !CSharpNames.IsValidIdentifier(entry.Value.Text))
            {
                Report(KieDiagnostics.InvalidValue, entry.Value, "x-enumNames", JsonText.Write(entry.Value), "each name must be a C# identifier");
                continue;
            }

            result[entry.Name] = entry.Value.Text;
        }

        return result;
    }

    private void CheckDefault(JsonNode value, SchemaNode node, JsonNode? enumNode)
    {
        string? problem = null;
        if (!MatchesKind(value, node.Kind == NodeKind.Object ? NodeKind.Json : node.Kind) ||
            (node.Kind == NodeKind.Object && value.Kind != JsonKind.Object))
        {
            problem = "it is not " + KindText(node.Kind);
        }
        else if (enumNode is not null && enumNode.Kind == JsonKind.Array &&
                 enumNode.Items.All(i => JsonText.CanonicalKey(i) != JsonText.CanonicalKey(value)))
        {
            problem = "it is not one of the enum values";
        }
        else if (value.Kind == JsonKind.String)
        {
            var length = CodePoints(value.Text);
            if (node.MinLength is { } min && length < min)
            {
                problem = "it is shorter than minLength " + min;
            }
            else if (node.MaxLength is { } max && length > max)
            {
                problem = "it is longer than maxLength " + max;
            }
        }
        else if (value.Kind == JsonKind.Number)
        {
            var number = JsonNumbers.ToDouble(value.Text);
            if (node.Minimum is { } min && number < min)
            {
                problem = "it is below minimum " + JsonNumbers.ToLiteral(min);
            }
            else if (node.Maximum is { } max && number > max)
            {
                problem = "it is above maximum " + JsonNumbers.ToLiteral(max);
            }
            else if (node.ExclusiveMinimum is { } xmin && number <= xmin)
            {
                problem = "it is not above exclusiveMinimum " + JsonNumbers.ToLiteral(xmin);
            }
            else if (node.ExclusiveMaximum is { } xmax && number >= xmax)
            {
                problem = "it is not below exclusiveMaximum " + JsonNumbers.ToLiteral(xmax);
            }
        }
        else if (value.Kind == JsonKind.Array)
        {
            if (node.MinItems is { } min && value.Items.Count < min)
            {
                problem = "it has fewer than minItems " + min + " items";
            }
            else if (node.MaxItems is { } max && value.Items.Count > max)
            {
                problem = "it has more than maxItems " + max + " items";
            }
        }

        if (problem is not null)
        {
            Report(KieDiagnostics.InvalidDefault, value, JsonText.Write(value), problem);
        }
    }

    private NodeKind? ParseType(JsonNode json, bool isRoot)
    {
        var member = json.Find("type");
        if (member is null)
        {
            return isRoot ? NodeKind.Object : NodeKind.Json;
        }

        if (member.Value.Kind != JsonKind.String)
        {
            Report(KieDiagnostics.UnsupportedType, member.Value, JsonText.Write(member.Value));
            return null;
        }

        NodeKind? kind = member.Value.Text switch
        {
            "string" => NodeKind.String,
            "integer" => NodeKind.Integer,
            "number" => NodeKind.Number,
            "boolean" => NodeKind.Boolean,
            "array" => NodeKind.Array,
            "object" => NodeKind.Object,
            _ => null,
        };

        if (kind is null || (isRoot && kind != NodeKind.Object))
        {
            Report(KieDiagnostics.UnsupportedType, member.Value,
                isRoot ? JsonText.Quote(member.Value.Text) + " for 'input' (the parameters must be an object)" : JsonText.Quote(member.Value.Text));
            return null;
        }

        return kind;
    }

    /// <summary>An untyped enum or const of one JSON type means exactly that type (no other value can pass).</summary>
    private static NodeKind? Infer(JsonNode? enumNode, JsonNode? constNode)
    {
        var values = enumNode?.Kind == JsonKind.Array ? enumNode.Items : constNode is null ? null : new List<JsonNode> { constNode };
        if (values is null || values.Count == 0)
        {
            return NodeKind.Json;
        }

        if (values.All(v => v.Kind == JsonKind.String))
        {
            return NodeKind.String;
        }

        if (values.All(v => v.Kind == JsonKind.True || v.Kind == JsonKind.False))
        {
            return NodeKind.Boolean;
        }

        if (values.All(v => v.IsInteger) && values.All(v => JsonNumbers.TryToInt64(v.Text, out _)))
        {
            return NodeKind.Integer;
        }

        return values.All(v => v.IsNumber) ? NodeKind.Number : NodeKind.Json;
    }

    private static bool MatchesKind(JsonNode value, NodeKind kind) => kind switch
    {
        NodeKind.String => value.Kind == JsonKind.String,
        NodeKind.Integer => value.IsInteger && JsonNumbers.TryToInt64(value.Text, out _),
        NodeKind.Number => value.IsNumber,
        NodeKind.Boolean => value.Kind is JsonKind.True or JsonKind.False,
        NodeKind.Array => value.Kind == JsonKind.Array,
        NodeKind.Object => value.Kind == JsonKind.Object,
        _ => true,
    };

    private static string KindText(NodeKind kind) => kind switch
    {
        NodeKind.String => "a string",
        NodeKind.Integer => "an integer",
        NodeKind.Number => "a number",
        NodeKind.Boolean => "a boolean",
        NodeKind.Array => "an array",
        NodeKind.Object => "an object",
        _ => "a JSON value",
    };

    private void CheckApplies(JsonNode json, NodeKind kind, NodeKind domain, params string[] keywords)
    {
        var applies = kind == NodeKind.Json || kind == domain ||
                      (domain == NodeKind.Integer && kind == NodeKind.Number);
        if (applies)
        {
            return;
        }

        foreach (var keyword in keywords)
        {
            var member = json.Find(keyword);
            if (member is not null)
            {
                Report(KieDiagnostics.InvalidValue, member.NameStart, member.NameEnd, keyword, JsonText.Write(member.Value),
                    "it does not apply to " + KindText(kind) + " (type \"" + json.Find("type")?.Value.Text + "\")");
            }
        }
    }

    private void CheckMinMax<T>(JsonNode json, string minName, T? min, string maxName, T? max)
        where T : struct, IComparable<T>
    {
        if (min is { } lo && max is { } hi && lo.CompareTo(hi) > 0)
        {
            var minMember = json.Find(minName)!;
            Report(KieDiagnostics.MinAboveMax, minMember.Value, minName, minMember.Value.Text, maxName, json.Find(maxName)!.Value.Text);
        }
    }

    private long? Count(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.IsInteger && JsonNumbers.TryToInt64(member.Value.Text, out var value) && value >= 0 && value <= int.MaxValue)
        {
            return value;
        }

        Report(KieDiagnostics.WrongKeywordType, member.Value, name, "a non-negative integer");
        return null;
    }

    private double? Number(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.IsNumber)
        {
            return JsonNumbers.ToDouble(member.Value.Text);
        }

        Report(KieDiagnostics.WrongKeywordType, member.Value, name, "a number");
        return null;
    }

    private sealed class Located
    {
        public Located(string value, JsonNode node)
        {
            Value = value;
            Node = node;
        }

        public string Value { get; }

        public JsonNode Node { get; }
    }

    private Located? RequiredString(JsonNode root, string name, string? what)
    {
        var member = root.Find(name);
        if (member is null)
        {
            if (what is not null)
            {
                Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, name, what);
            }

            return null;
        }

        if (member.Value.Kind != JsonKind.String)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, name, "a string");
            return null;
        }

        return new Located(member.Value.Text, member.Value);
    }

    private string? OptionalString(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.Kind != JsonKind.String)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, name, "a string");
            return null;
        }

        return member.Value.Text;
    }

    private bool? OptionalBool(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.Kind is JsonKind.True or JsonKind.False)
        {
            return member.Value.Kind == JsonKind.True;
        }

        Report(KieDiagnostics.WrongKeywordType, member.Value, name, "true or false");
        return null;
    }

    private void CheckDuplicateMembers(JsonNode node)
    {
        if (node.Kind == JsonKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in node.Members)
            {
                if (!seen.Add(member.Name))
                {
                    Report(KieDiagnostics.DuplicateProperty, member.NameStart, member.NameEnd, member.Name);
                }

                CheckDuplicateMembers(member.Value);
            }
        }
        else if (node.Kind == JsonKind.Array)
        {
            foreach (var item in node.Items)
            {
                CheckDuplicateMembers(item);
            }
        }
    }

    private void ReportUnknown(JsonMember member, IEnumerable<string> known)
    {
        var suggestion = Keywords.Suggest(member.Name, known);
        Report(KieDiagnostics.UnknownKeyword, member.NameStart, member.NameEnd, member.Name,
            suggestion is null ? "" : "; did you mean '" + suggestion + "'?");
    }

    private string UniqueTypeName(string name) => CSharpNames.Unique(new[] { name }, _typeNames)[0];

    private int NextId() => _nextNodeId++;

    private SchemaNode AnyNode(int id) => new(
        id, NodeKind.Json, false, "", false, null, null, null, null, false, null, null, null, null, null, null, null, false,
        null, EquatableArray<PropertySpec>.Empty, true, null, EquatableArray<string>.Empty, EquatableArray<EnumMember>.Empty,
        null, null, null);

    /// <summary>Length in Unicode code points, as JSON Schema measures strings.</summary>
    private static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    private SourceSpan Span(int start, int end)
    {
        var (startLine, startColumn) = _lines.Position(start);
        var (endLine, endColumn) = _lines.Position(end);
        return new SourceSpan(start, end - start, startLine, startColumn, endLine, endColumn);
    }

    private void Report(DiagnosticDescriptor descriptor, JsonNode node, params string[] arguments) =>
        Report(descriptor, node.Start, node.End, arguments);

    private void Report(DiagnosticDescriptor descriptor, int start, int end, params string[] arguments)
    {
        var span = Span(start, end);
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, _path, span.Start, span.Length, span.StartLine, span.StartColumn, span.EndLine, span.EndColumn, arguments.ToEquatableArray()));
    }
}
