using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>String and integer enumerations emitted as C# enums, and their deprecated (<c>x-enumDeprecated</c>) values.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitEnum(SchemaNode node)
    {
        var isInteger = node.Kind == NodeKind.Integer;
        Summary(node.Description.Length > 0 ? node.Description : "Allowed values of a " + _model.ModelId + " parameter.");
        _w.Line(_generatedCode)
          .Open("public enum " + Text.Id(node.EnumTypeName!) + (isInteger ? " : long" : ""));
        foreach (var member in node.Enum)
        {
            SummaryXml("<c>" + Text.DocInline(member.Display) + "</c>" + (member.Deprecation is { } d ? " (" + Text.DocInline(StatusWord(d)) + ")" : ""));
            _w.Line("[global::KieGen.Requests.KieEnumValue(" + Text.Literal(member.Display) + ")]");
            if (member.Deprecation is { } deprecation)
            {
                // A warning at every typed use; the value itself stays valid (Kie may still accept it).
                _w.Line("[global::System.Obsolete(" + Text.Literal(ObsoleteMessage(deprecation, "The value " + member.Shown)) + ")]");
            }

            _w.Line(Text.Id(member.CSharpName) + (isInteger ? " = " + member.Json : "") + ",");
        }

        _w.Close().Line();
    }

    private static bool HasDeprecatedValues(SchemaNode node) => node.Enum.Any(m => m.Deprecation is not null);

    /// <summary>
    /// In a check: a warning (never an error) for a deprecated value, naming it, its status and replacement, with the
    /// schema's reason. <paramref name="v"/> is the typed value; a C# enum's cases name its members (the file
    /// disables CS0618 for them), a plain string or integer's are literals.
    /// </summary>
    private void AddDeprecatedValueChecks(MethodBody body, SchemaNode node, string v, string? enumType)
    {
        var deprecated = node.Enum.Where(m => m.Deprecation is not null).ToList();
        if (deprecated.Count == 0)
        {
            return;
        }

        // One value is an if; several are the cases of one switch.
        if (deprecated.Count == 1)
        {
            body.Open("if (" + v + " == " + DeprecatedLabel(node, deprecated[0], enumType) + ")")
                .Expression(DeprecatedCall(deprecated[0]))
                .Close();
            return;
        }

        body.Open("switch (" + v + ")");
        foreach (var member in deprecated)
        {
            body.Statement("case " + DeprecatedLabel(node, member, enumType) + ":")
                .Statement("    " + DeprecatedCall(member) + ";")
                .Statement("    break;");
        }

        body.Close();
    }

    private static string DeprecatedLabel(SchemaNode node, EnumMember member, string? enumType) =>
        enumType is not null ? enumType + "." + Text.Id(member.CSharpName)
        : node.Kind == NodeKind.Integer ? member.Json + "L"
        : Text.Literal(member.Display);

    private string DeprecatedCall(EnumMember member)
    {
        var deprecation = member.Deprecation!;
        var message = member.Shown + " is " + StatusWord(deprecation) + (deprecation.ReplacedBy is { } by ? "; use " + by : "");
        return Check + ".Deprecated(errors, path, " + Text.Literal(message) + ", " + Text.Literal(deprecation.Reason) + ")";
    }
}
