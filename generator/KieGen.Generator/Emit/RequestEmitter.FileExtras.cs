using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;
using KieGen.Generator.Parsing;

namespace KieGen.Generator.Emit;

/// <summary>Emission for the file members beside <c>input</c>: <c>deprecated</c> and <c>topLevel</c>.</summary>
internal sealed partial class RequestEmitter
{
    /// <summary>Every schema node whose helpers the file needs, each once (a shared <c>$ref</c> target included).</summary>
    private IEnumerable<SchemaNode> AllNodes()
    {
        var seen = new HashSet<int>();
        var roots = new List<SchemaNode> { _model.Input };
        if (_model.TopLevel is { } topLevel)
        {
            roots.AddRange(topLevel.Properties.Select(p => p.Schema));
        }

        if (_model.Output is { } output)
        {
            roots.Add(output);
        }

        return roots.SelectMany(Walk).Where(n => seen.Add(n.Id)).ToList();
    }

    /// <summary>The builder sets the parameters and, on the request type's builder, the top-level fields.</summary>
    private IReadOnlyList<PropertySpec> BuilderProperties(SchemaNode root) =>
        root == _model.Input && _model.TopLevel is { } topLevel
            ? root.Properties.Concat(topLevel.Properties.Select(p => p with { Required = false })).ToList() // Validate() reports them missing
            : root.Properties;

    private void EmitModelObsolete()
    {
        if (_model.Deprecation is { } deprecation)
        {
            _w.Line("[global::System.Obsolete(" + Text.Literal(ObsoleteMessage(deprecation, _model.ModelId)) + ")]");
        }
    }

    /// <summary>An [Obsolete] message: subject, status, reason, and the replacement (with its C# name when known).</summary>
    private static string ObsoleteMessage(DeprecationSpec deprecation, string subject)
    {
        var reason = deprecation.Reason.Trim().TrimEnd('.');
        var text = subject + " is " + StatusWord(deprecation) + (reason.Length == 0 ? "" : ": " + reason) + ".";
        if (deprecation.ReplacedBy is { } replacedBy)
        {
            text += " Use " + replacedBy + (deprecation.ReplacementType is { } type ? " (" + type + ")" : "") + ".";
        }

        return text;
    }

    /// <summary>The status as the schema file says it (<c>deprecated</c>, <c>retired</c>, <c>discontinued</c>).</summary>
    private static string StatusWord(DeprecationSpec deprecation) => Keywords.DeprecationStatuses.Word(deprecation.Status);

    private void EmitTopLevelMembers(string type)
    {
        if (_model.TopLevel is null)
        {
            return;
        }

        Summary("Writes the model's top-level body fields, beside model, the callback URL and input.");
        _w.ExpressionMember("public override void WriteTopLevelProperties(" + Writer + " writer)", JsonHelpers + ".Members(writer, this, " + _schema + ".WriteTopLevel)")
          .Line();

        Summary("Reads a whole create-task body (model, callback URL, top-level fields and input) from untrusted JSON and validates it.");
        _w.Line("/// <param name=\"body\">The create-task body.</param>")
          .Line("/// <param name=\"request\">The request, when <paramref name=\"body\"/> is valid.</param>")
          .Line("/// <param name=\"errors\">Every finding, with its body path (<c>input.prompt</c>); on success only warnings.</param>")
          .Line("/// <returns><see langword=\"true\"/> when the body is a request for this model without errors.</returns>")
          .Open("public static bool TryParseBody(" + Element + " body, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? request, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors)")
          .Line("var list = new " + Errors + "();")
          .Line("var ok = " + _schema + ".ReadBody(body, list, out var value);")
          .Line("request = ok ? value : null;")
          .Line("errors = list;")
          .Line("return ok;")
          .Close()
          .Line();
    }

    /// <summary>The top-level field names: the list the body reader expects beside <c>input</c>, and each one encoded.</summary>
    private void EmitTopLevelFields()
    {
        if (_model.TopLevel is not { } topLevel)
        {
            return;
        }

        _w.Line("internal static readonly string[] TopLevelFields = new string[] { " + string.Join(", ", topLevel.Properties.Select(p => Text.Literal(p.WireName))) + " };");
        foreach (var field in topLevel.Properties)
        {
            _w.Line("internal static readonly " + Encoded + " " + N(field.Schema) + "Name = " + Encoded + ".Encode(" + Text.Literal(field.WireName) + ");");
        }
    }

    private void EmitTopLevelSchema()
    {
        if (_model.TopLevel is not { } topLevel)
        {
            return;
        }

        var type = TypeOf(_model.Input);
        var root = _model.Input;
        var fields = topLevel.Properties;
        var locals = Locals(topLevel);
        var check = TopLevelChecks(topLevel);
        if (check.Count > 0)
        {
            check.Write(_w, "internal static void CheckTopLevel(" + type + " value, " + Errors + " errors)");
            _w.Line();
        }

        _w.Open("internal static void WriteTopLevel(" + Writer + " writer, " + type + " value)");
        foreach (var property in fields)
        {
            _w.Open("if (value." + Text.Id(property.CSharpName) + " is { } " + locals[property] + ")")
              .Line("writer.WritePropertyName(" + N(property.Schema) + "Name);")
              .Line(WriteCall(property.Schema, locals[property]))
              .Close();
        }

        _w.Close().Line();

        // Each field's value, whether the body has it, and its JSON: named after the field, never after another local.
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { "body", "errors", "value", "mark", "input", "parameters" };
        var values = Parsing.CSharpNames.Unique(fields.Select(p => Camel(p.CSharpName)), taken);
        var flags = Parsing.CSharpNames.Unique(fields.Select(p => "has" + p.CSharpName), taken);
        var json = Parsing.CSharpNames.Unique(fields.Select(p => Camel(p.CSharpName) + "Json"), taken);
        _w.Open("internal static bool ReadBody(" + Element + " body, " + Errors + " errors, out " + type + " value)")
          .Line("var mark = errors.Count;")
          .Line("value = null!;")
          .Line("if (!" + Support + ".KieBody.Parameters(body, " + type + ".KieModel, TopLevelFields, errors, out var input)) return false;")
          .Line("// The parameters object was checked to be an object, so its reader always returns a request.")
          .Line("Read" + N(root) + "(input, \"input\", errors, out var parameters);");
        for (var i = 0; i < fields.Count; i++)
        {
            var property = fields[i];
            var (local, flag) = (Text.Id(values[i]), Text.Id(flags[i]));
            _w.Line(TypeOf(property.Schema) + " " + local + " = default!;")
              .Line("var " + flag + " = body.TryGetProperty(" + Text.Literal(property.WireName) + ", out var " + Text.Id(json[i]) + ");")
              .Line("if (" + flag + ") " + ReadStatement(property.Schema, Text.Id(json[i]), Text.Literal(property.WireName), "errors", local));
            if (property.Required)
            {
                _w.Line(Check + ".Required(errors, " + Text.Literal(property.WireName) + ", " + flag + ");");
            }
        }

        _w.Open("value = new " + type);
        foreach (var property in root.Properties)
        {
            _w.Line(Text.Id(property.CSharpName) + " = parameters." + Text.Id(property.CSharpName) + ",");
        }

        if (root.AdditionalAllowed)
        {
            _w.Line("AdditionalProperties = parameters.AdditionalProperties,");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            _w.Line(Text.Id(fields[i].CSharpName) + " = " + Text.Id(flags[i]) + " ? " + Text.Id(values[i]) + " : null,");
        }

        _w.Close(";")
          .Line("return !" + Check + ".HasErrors(errors, mark); // warnings do not fail the read")
          .Close();
    }

    /// <summary>The checks of the top-level fields (empty when none is required or constrained).</summary>
    private MethodBody TopLevelChecks(SchemaNode topLevel)
    {
        var locals = Locals(topLevel);
        var check = new MethodBody();
        foreach (var property in topLevel.Properties)
        {
            var path = Text.Literal(property.WireName);
            var access = "value." + Text.Id(property.CSharpName);
            // Top-level fields are nullable in C# (see EmitProperties), so a required one is checked for presence here.
            if (IsPlain(property.Schema) || !HasCheckMethod(property.Schema))
            {
                if (property.Required)
                {
                    check.Statement("if (" + access + " is null) " + Check + ".Required(errors, " + path + ", false);");
                }

                continue;
            }

            check.Statement("if (" + access + " is { } " + locals[property] + ") Check" + N(property.Schema) + "(" + locals[property] + ", " + path + ", errors);");
            if (property.Required)
            {
                check.Statement("else " + Check + ".Required(errors, " + path + ", false);");
            }
        }

        return check;
    }
}
