using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>
/// The validation policy in emitted code: keywords a schema marks <c>x-kie-advisory</c> are reported as warnings with
/// their reason, and members a JSON object does not declare are reported as warnings (Kie ignores them).
/// </summary>
internal sealed partial class RequestEmitter
{
    /// <summary>True while emitting the body of a check whose advisories a wrapper applies.</summary>
    private bool _emittingAdvisedCore;

    /// <summary>The check method's name: the wrapper keeps <c>Check…</c>, the body it wraps is <c>Check…Core</c>.</summary>
    private string CheckName(SchemaNode node) => "Check" + N(node) + (_emittingAdvisedCore ? "Core" : "");

    /// <summary>
    /// For a node with advisories: a <c>Check…</c> that runs the checks (<c>Check…Core</c>) and then turns the
    /// findings of advisory keywords at the node's path into warnings. True when it emitted both.
    /// </summary>
    private bool EmitAdvisedCheck(SchemaNode node, string type)
    {
        if (node.Advisories.Count == 0 || _emittingAdvisedCore)
        {
            return false;
        }

        var parameter = node.Kind == NodeKind.Json ? Element : type;
        _w.Open("internal static void Check" + N(node) + "(" + parameter + " value, string path, " + Errors + " errors)")
          .Line("var mark = errors.Count;")
          .Line("Check" + N(node) + "Core(value, path, errors);")
          .Line(Check + ".Advise(errors, mark, path, " + N(node) + "Advisory);")
          .Close()
          .Line();
        _emittingAdvisedCore = true;
        try
        {
            EmitCheck(node, type);
        }
        finally
        {
            _emittingAdvisedCore = false;
        }

        return true;
    }

    /// <summary>In a read method that checks the node itself (objects, arrays): the advisories, before it returns.</summary>
    private void AddAdvise(MethodBody body, SchemaNode node)
    {
        if (node.Advisories.Count > 0)
        {
            body.Expression(Check + ".Advise(errors, mark, path, " + N(node) + "Advisory)");
        }
    }

    /// <summary>The node's advisory table and, for a class without an <c>additionalProperties</c> schema, its declared names.</summary>
    private void EmitAdvisoryFields(SchemaNode node)
    {
        if (node.Advisories.Count > 0)
        {
            _w.Line("internal static readonly " + Support + ".KieAdvisory[] " + N(node) + "Advisory = new " + Support + ".KieAdvisory[]")
              .Line("{");
            foreach (var advisory in node.Advisories)
            {
                _w.Line("    new(" + Text.Literal(advisory.Keyword) + ", " + Text.Literal(advisory.Reason) +
                        (advisory.Member is null ? "" : ", " + Text.Literal(advisory.Member)) + "),");
            }

            _w.Line("};");
        }

        if (node.Kind == NodeKind.Object && node.AdditionalSchema is null)
        {
            // For the undeclared-member finding (a warning, or an error under additionalProperties: false) to name the member meant.
            var names = node.Properties.Select(p => p.WireName).Concat(node.BranchProperties).Distinct().Select(Text.Literal);
            _w.Line("internal static readonly string[] " + N(node) + "Declared = new string[] { " + string.Join(", ", names) + " };");
        }
    }

    /// <summary>Required members checked when reading JSON: the required ones and those whose requirement is advisory.</summary>
    private static IEnumerable<string> RequiredOnRead(SchemaNode node) =>
        node.Properties.Where(p => p.Required || IsAdvisoryRequired(node, p)).Select(p => p.WireName);

    private static bool IsAdvisoryRequired(SchemaNode node, PropertySpec property) =>
        !property.Required && node.Advisories.Any(a => a.Keyword == "required" && a.Member == property.WireName);

    /// <summary>In a class's check: an absent member whose requirement is advisory (a warning once advised).</summary>
    private void AddAdvisoryRequiredChecks(MethodBody body, SchemaNode node)
    {
        foreach (var property in node.Properties.Where(p => IsAdvisoryRequired(node, p)))
        {
            body.Statement("if (value." + Text.Id(property.CSharpName) + " is null) " + Check + ".Required(errors, " + Check + ".Member(path, " + Text.Literal(property.WireName) + "), false);");
        }
    }

    /// <summary>The advisory keywords of a parameter for <c>[KieParameter(Advisory = ...)]</c>, one <c>keyword: reason</c> a line.</summary>
    private static string? AdvisoryAttributeText(SchemaNode schema)
    {
        var lines = schema.Advisories.Where(a => a.Member is null).Select(a => a.Keyword + ": " + OneLine(a.Reason))
            .Concat(schema.Kind == NodeKind.Array && schema.Items is { } items
                ? items.Advisories.Where(a => a.Keyword == "format").Select(a => "items.format: " + OneLine(a.Reason))
                : Enumerable.Empty<string>())
            .ToList();
        return lines.Count == 0 ? null : Text.Literal(string.Join("\n", lines));
    }

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}
