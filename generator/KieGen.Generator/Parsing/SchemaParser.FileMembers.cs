using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;

namespace KieGen.Generator.Parsing;

/// <summary>The file's own members: model id, family, category, result, type name, endpoint and callback.</summary>
internal sealed partial class SchemaParser
{
    private ModelSpec? ParseFile(JsonNode root, GeneratorOptions options)
    {
        if (!RequireKind(root, JsonKind.Object, "(file)", "a JSON object describing one model"))
        {
            return null;
        }

        foreach (var member in root.Members)
        {
            // x- members (an importer's provenance, a team's own notes) are the user's, as in parameter schemas.
            if (!Keywords.FileMembers.Contains(member.Name) && !member.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                ReportUnknown(member, Keywords.FileMembers);
            }
        }

        var modelId = RequiredString(root, "model", null);
        var family = RequiredString(root, "family", "the API family: " + string.Join(", ", Keywords.Families.Words));
        var category = RequiredString(root, "category", "the catalog category, for example \"image\" or \"video\"");
        var result = RequiredString(root, "result", "the result kind: " + string.Join(", ", Keywords.ResultKinds.Words));
        var title = OptionalString(root, "title") ?? "";
        var description = OptionalString(root, "description") ?? "";
        OptionalString(root, "$comment");
        OptionalString(root, "$schema");

        var apiFamily = family is null ? null : Keywords.Families.Find(family.Value);
        if (family is not null && apiFamily is null)
        {
            Report(KieDiagnostics.InvalidValue, family.Node, "family", JsonText.Quote(family.Value), "use one of " + string.Join(", ", Keywords.Families.Words));
        }

        var resultKind = result is null ? null : Keywords.ResultKinds.Find(result.Value);
        if (result is not null && resultKind is null)
        {
            Report(KieDiagnostics.InvalidValue, result.Node, "result", JsonText.Quote(result.Value), "use one of " + string.Join(", ", Keywords.ResultKinds.Words));
        }

        if (category is not null && !Regex.IsMatch(category.Value, "^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant))
        {
            Report(KieDiagnostics.InvalidValue, category.Node, "category", JsonText.Quote(category.Value), "use a lower-case word such as \"video\"");
        }

        var isMarket = apiFamily == ApiFamily.Market;
        var (createPath, statusPath, callPath) = ParseEndpoint(root, isMarket, apiFamily is not null);
        var isCall = root.Find("endpoint")?.Value.Find("call") is not null;
        var bodyStyleWord = OptionalString(root, "bodyStyle");
        var bodyStyle = bodyStyleWord is null ? (isMarket && !isCall ? BodyStyle.Input : BodyStyle.Flat) : Keywords.BodyStyles.Find(bodyStyleWord);
        if (bodyStyle is null)
        {
            Report(KieDiagnostics.InvalidValue, root.Find("bodyStyle")!.Value, "bodyStyle", JsonText.Quote(bodyStyleWord!), "use \"input\" ({model, callBackUrl, input}) or \"flat\" (parameters at the top level)");
        }

        var (callbackField, callbackRequired) = isCall ? CheckCallMembers(root, bodyStyle) : ParseCallback(root);

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

        typeBase = CSharpNames.UpperFirst(typeBase ?? CSharpNames.Pascal(modelId.Value, "Model"));
        var typeName = typeBase + "Request";
        _typeNames.Add(typeName);
        _typeNames.Add(typeName + "Schema"); // the file-local helper class
        _declared.Add(new DeclaredType(typeName, Span(modelId.Node.Start, modelId.Node.End)));
        var resultName = ReserveResultName(root, typeBase); // before the parameters, so a nested class cannot take it

        var inputMember = root.Find("input");
        if (inputMember is null)
        {
            Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, "input", "the parameters as a JSON Schema object");
            return null;
        }

        CollectDefinitions(root, inputMember.Value);
        var input = ParseSchema(inputMember.Value, "input", typeBase, typeName, isRoot: true);
        var output = ParseOutput(root, isCall, typeBase, resultName);
        ParseUnusedDefinitions();
        var deprecation = ParseDeprecated(root, modelId.Value);
        var topLevel = ParseTopLevel(root, bodyStyle, callbackField, typeBase, typeName, input ?? AnyNode(NextId()));
        if (input is null || family is null || category is null || result is null)
        {
            return null;
        }

        if (bodyStyle == BodyStyle.Flat && input.Properties.Any(p => p.WireName == callbackField) &&
            inputMember.Value.Find("properties")?.Value.Find(callbackField) is { } clash)
        {
            // A flat body carries the callback field beside the parameters: the same name would be written twice.
            Report(KieDiagnostics.InvalidValue, clash.NameStart, clash.NameEnd, "properties", JsonText.Quote(callbackField),
                "it is the body's callback field, which the client fills from the callback URL; remove the parameter or name another field in 'callback.field'");
            return null;
        }

        var categoryName = CSharpNames.Pascal(category.Value, "C");
        if (categoryName == NameRules.CatalogClass(options.BaseNamespace))
        {
            Report(KieDiagnostics.NameCollision, category.Node,
                "Category '" + category.Value + "' becomes the namespace '" + categoryName + "', the name of the generated catalog class");
            return null;
        }

        if (apiFamily is not { } knownFamily || resultKind is not { } knownResult || bodyStyle is not { } knownBodyStyle)
        {
            return null; // reported where it was read
        }

        var ns = options.BaseNamespace + "." + categoryName;
        return new ModelSpec(
            _path, modelId.Value, knownFamily, category.Value, knownResult, title, description, ns, typeName,
            createPath ?? "", statusPath ?? "", knownBodyStyle, callbackField, callbackRequired, input)
        {
            Deprecation = deprecation,
            TopLevel = topLevel,
            CallPath = callPath,
            Output = output,
        };
    }

    private (string? Create, string? Status, string? Call) ParseEndpoint(JsonNode root, bool isMarket, bool familyKnown)
    {
        var member = root.Find("endpoint");
        if (member is null)
        {
            if (familyKnown && !isMarket)
            {
                Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, "endpoint", "the special families need {\"create\": path, \"status\": path}, or {\"call\": path} for a synchronous endpoint");
            }

            return isMarket ? ("/api/v1/jobs/createTask", "/api/v1/jobs/recordInfo", null) : (null, null, null);
        }

        if (!RequireKind(member.Value, JsonKind.Object, "endpoint", "an object {\"create\": path, \"status\": path}, or {\"call\": path}"))
        {
            return (null, null, null);
        }

        foreach (var m in member.Value.Members)
        {
            if (m.Name != "create" && m.Name != "status" && m.Name != "call")
            {
                ReportUnknown(m, new[] { "create", "status", "call" });
            }
        }

        if (member.Value.Find("call") is not null)
        {
            return ("", "", ParseCallPath(member.Value));
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

        return (Path("create", "/api/v1/jobs/createTask"), Path("status", "/api/v1/jobs/recordInfo"), null);
    }

    private (string Field, bool Required) ParseCallback(JsonNode root)
    {
        var member = root.Find("callback");
        if (member is null)
        {
            return ("callBackUrl", false);
        }

        if (!RequireKind(member.Value, JsonKind.Object, "callback", "an object {\"field\": name, \"required\": bool}"))
        {
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
}
