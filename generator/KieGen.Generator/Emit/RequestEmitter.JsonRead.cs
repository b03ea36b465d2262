using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>Read methods: untrusted JSON into typed values, collecting every violation on the way.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitRead(SchemaNode node, string type)
    {
        switch (node.Kind)
        {
            case NodeKind.Object:
                EmitReadObject(node, type);
                return;
            case NodeKind.Array:
                EmitReadArray(node, type);
                return;
            case NodeKind.Json:
                EmitReadJson(node);
                return;
        }

        // Scalars: read the JSON value, then run the same checks Validate() runs.
        var header = ReadHeader(node, type);
        if (node.IsCSharpEnum && node.Kind == NodeKind.String)
        {
            // Members are declared from 0 in wire order, so the position in the wire table is the value.
            var read = Read + ".StringEnum(json, path, errors, " + N(node) + "Wire, " + Text.Literal(AllowedText(node)) + ", out value)";
            _w.ExpressionMember(header, node.ConstJson is null && !HasDeprecatedValues(node) ? read : Read + ".Checked(" + read + ", value, path, errors, Check" + N(node) + ")")
              .Line();
            return;
        }

        if (node.IsCSharpEnum)
        {
            _w.Open(header)
              .Line("if (!" + Read + ".Int64(json, path, errors, out var wire))")
              .Line("{")
              .Line("    value = default;")
              .Line("    return false;")
              .Line("}")
              .Line()
              .Open("switch (wire)");
            // With a const or deprecated values, a known member still goes through the check; otherwise knowing it is enough.
            var checkKnown = node.ConstJson is not null || HasDeprecatedValues(node);
            var known = checkKnown ? "break;" : "return true;";
            foreach (var member in node.Enum)
            {
                _w.Line("case " + member.Json + "L: value = " + type + "." + Text.Id(member.CSharpName) + "; " + known);
            }

            _w.Line("default: value = default; return " + Read + ".UnknownEnumValue(errors, path, wire.ToString(global::System.Globalization.CultureInfo.InvariantCulture), " + Text.Literal(AllowedText(node)) + ");")
              .Close();
            if (checkKnown)
            {
                _w.Line()
                  .Line("var mark = errors.Count;")
                  .Line("Check" + N(node) + "(value, path, errors);")
                  .Line("return !" + Check + ".HasErrors(errors, mark);");
            }

            _w.Close().Line();
            return;
        }

        var reader = node.Kind switch
        {
            NodeKind.String => "String",
            NodeKind.Integer => "Int64",
            NodeKind.Number => "Double",
            _ => "Boolean",
        };
        _w.ExpressionMember(header, Read + ".Checked(" + Read + "." + reader + "(json, path, errors, out value), value, path, errors, Check" + N(node) + ")")
          .Line();
    }

    private void EmitReadObject(SchemaNode node, string type)
    {
        var body = new MethodBody()
            .Statement("var mark = errors.Count;")
            .Open("if (!" + Read + ".Object(json, path, errors))")
            .Statement("value = null!;")
            .Statement("return false;")
            .Close()
            .Statement();
        // A local per property (reference types start null, value types default); a "has" flag where absence
        // must be told apart: required properties, and optional value types.
        var locals = ReadLocals(node);
        foreach (var property in node.Properties)
        {
            var (local, flag) = locals[property];
            body.Statement(IsValueType(property.Schema) ? TypeOf(property.Schema) + " " + local + " = default;" : NullableType(property.Schema) + " " + local + " = null;");
            if (flag is not null)
            {
                body.Statement("var " + flag + " = false;");
            }
        }

        if (node.AdditionalAllowed)
        {
            body.Statement("global::System.Collections.Generic.Dictionary<string, " + Element + ">? extra = null;");
        }

        var other = new List<string>();
        if (!node.AdditionalAllowed)
        {
            other.Add(Check + ".NotAllowed(errors, path, property.Name, " + N(node) + "Declared);");
        }
        else
        {
            // Without a schema for them, Kie ignores members it does not know: kept and sent, but reported (a
            // warning) so a typo is seen.
            if (node.AdditionalSchema is not { } extra)
            {
                other.Add(Check + ".Undeclared(errors, path, property.Name, " + N(node) + "Declared);");
            }
            else if (ReadStatement(extra, "property.Value", Check + ".Member(path, property.Name)", "errors", "_") is { } readExtra)
            {
                other.Add(readExtra);
            }

            other.Add("(extra ??= new global::System.Collections.Generic.Dictionary<string, " + Element + ">(global::System.StringComparer.Ordinal))[property.Name] = property.Value.Clone();");
        }

        body.Open("foreach (var property in json.EnumerateObject())");
        if (node.Properties.Count == 0)
        {
            other.ForEach(line => body.Statement(line));
        }
        else
        {
            body.Open("switch (property.Name)");
            foreach (var property in node.Properties)
            {
                var (local, flag) = locals[property];
                body.Statement("case " + Text.Literal(property.WireName) + ":");
                if (flag is not null)
                {
                    body.Statement("    " + flag + " = true;");
                }

                body.Statement("    " + ReadStatement(property.Schema, "property.Value", Check + ".Member(path, property.Name)", "errors", local))
                    .Statement("    break;");
            }

            body.Statement("default:");
            other.ForEach(line => body.Statement("    " + line));
            body.Statement("    break;")
                .Close();
        }

        body.Close()
            .Statement();
        if (RequiredOnRead(node).Any())
        {
            body.Expression(Check + ".Required(errors, path, json, " + N(node) + "Required)");
        }

        AddComposeCall(body, node, "json");
        body.Open("value = new " + type);
        foreach (var property in node.Properties)
        {
            var (local, flag) = locals[property];
            var read = property.Required ? (IsValueType(property.Schema) ? local : local + "!") : flag is not null ? flag + " ? " + local + " : null" : local;
            body.Statement(Text.Id(property.CSharpName) + " = " + read + ",");
        }

        if (node.AdditionalAllowed)
        {
            body.Statement("AdditionalProperties = extra,");
        }

        body.Close(";");
        AddStructuralEnumAndConst(body, node, "json");
        AddAdvise(body, node);
        body.Statement("return errors.Count == mark;")
            .Write(_w, ReadHeader(node, type));
        _w.Line();
    }

    private void EmitReadArray(SchemaNode node, string type)
    {
        var items = node.Items!;
        var needsAllItems = NeedsAllItems(node);
        var body = new MethodBody()
            .Statement("var mark = errors.Count;")
            .Statement((needsAllItems ? "var itemsRead = " : "") + (ReadsAnything(items)
                ? Read + ".Array(json, path, errors, out value);"
                : Read + ".Array<" + TypeOf(items) + ">(json, path, errors, " + ReadOf(items) + ", out value);"))
            .Statement("if (json.ValueKind != global::System.Text.Json.JsonValueKind.Array) return false;");
        if (HasListChecks(node))
        {
            if (needsAllItems)
            {
                body.Statement("// Counts hold whatever the items are; equality and enum checks need every item read.");
            }

            body.Expression("Check" + N(node) + "List(value, path, errors" + (needsAllItems ? ", itemsRead" : "") + ")");
        }

        AddComposeCall(body, node, "json");
        AddAdvise(body, node);
        body.Statement("return errors.Count == mark;")
            .Write(_w, ReadHeader(node, type));
        _w.Line();
    }

    private void EmitReadJson(SchemaNode node)
    {
        if (ReadsAnything(node))
        {
            return; // any JSON value: its readers clone it in place (ReadStatement), nothing to report
        }

        _w.Open(ReadHeader(node, Element))
          .Line("var mark = errors.Count;")
          .Line("value = json.Clone();")
          .Line("Check" + N(node) + "(value, path, errors);")
          .Line("return errors.Count == mark;")
          .Close()
          .Line();
    }

    private string ReadHeader(SchemaNode node, string type) =>
        "internal static bool Read" + N(node) + "(" + Element + " json, string path, " + Errors + " errors, out " + type + " value)";
}
