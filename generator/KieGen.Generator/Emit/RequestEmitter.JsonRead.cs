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
        var header = "internal static bool Read" + N(node) + "(" + Element + " json, string path, " + Errors + " errors, out " + type + " value)";
        if (node.IsCSharpEnum && node.Kind == NodeKind.String)
        {
            // Members are declared from 0 in wire order, so the position in the wire table is the value.
            var read = Read + ".StringEnum(json, path, errors, " + N(node) + "Wire, " + Text.Literal(AllowedText(node)) + ", out value)";
            _w.Line(header + " =>")
              .Line("    " + (node.ConstJson is null && !HasDeprecatedValues(node) ? read : Read + ".Checked(" + read + ", value, path, errors, Check" + N(node) + ")") + ";")
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
        _w.Line(header + " =>")
          .Line("    " + Read + ".Checked(" + Read + "." + reader + "(json, path, errors, out value), value, path, errors, Check" + N(node) + ");")
          .Line();
    }

    private void EmitReadObject(SchemaNode node, string type)
    {
        _w.Open("internal static bool Read" + N(node) + "(" + Element + " json, string path, " + Errors + " errors, out " + type + " value)")
          .Line("var mark = errors.Count;")
          .Line("if (!" + Read + ".Object(json, path, errors))")
          .Line("{")
          .Line("    value = null!;")
          .Line("    return false;")
          .Line("}")
          .Line();
        // A local per property (reference types start null, value types default); a "has" flag where absence
        // must be told apart: required properties, and optional value types.
        var locals = ReadLocals(node);
        foreach (var property in node.Properties)
        {
            var (local, flag) = locals[property];
            _w.Line(IsValueType(property.Schema) ? TypeOf(property.Schema) + " " + local + " = default;" : NullableType(property.Schema) + " " + local + " = null;");
            if (flag is not null)
            {
                _w.Line("var " + flag + " = false;");
            }
        }

        if (node.AdditionalAllowed)
        {
            _w.Line("global::System.Collections.Generic.Dictionary<string, " + Element + ">? extra = null;");
        }

        _w.Open("foreach (var property in json.EnumerateObject())")
          .Open("switch (property.Name)");
        foreach (var property in node.Properties)
        {
            var (local, flag) = locals[property];
            _w.Line("case " + Text.Literal(property.WireName) + ":");
            if (flag is not null)
            {
                _w.Line("    " + flag + " = true;");
            }

            _w.Line("    " + ReadOf(property.Schema) + "(property.Value, " + Check + ".Member(path, property.Name), errors, out " + local + ");")
              .Line("    break;");
        }

        _w.Line("default:");
        if (!node.AdditionalAllowed)
        {
            _w.Line("    " + Check + ".NotAllowed(errors, path, property.Name, " + N(node) + "Declared);");
        }
        else
        {
            if (node.AdditionalSchema is { } extra)
            {
                _w.Line("    " + ReadOf(extra) + "(property.Value, " + Check + ".Member(path, property.Name), errors, out _);");
            }
            else
            {
                // Kie ignores members it does not know: kept and sent, but reported (a warning) so a typo is seen.
                _w.Line("    " + Check + ".Undeclared(errors, path, property.Name, " + N(node) + "Declared);");
            }

            _w.Line("    (extra ??= new global::System.Collections.Generic.Dictionary<string, " + Element + ">(global::System.StringComparer.Ordinal))[property.Name] = property.Value.Clone();");
        }

        _w.Line("    break;")
          .Close()
          .Close()
          .Line();
        if (RequiredOnRead(node).Any())
        {
            _w.Line(Check + ".Required(errors, path, json, " + N(node) + "Required);");
        }

        EmitComposeCall(node, "json");
        _w.Open("value = new " + type);
        foreach (var property in node.Properties)
        {
            var (local, flag) = locals[property];
            var read = property.Required ? (IsValueType(property.Schema) ? local : local + "!") : flag is not null ? flag + " ? " + local + " : null" : local;
            _w.Line(Text.Id(property.CSharpName) + " = " + read + ",");
        }

        if (node.AdditionalAllowed)
        {
            _w.Line("AdditionalProperties = extra,");
        }

        _w.Close(";");
        EmitStructuralEnumAndConst(node, "json");
        EmitAdvise(node);
        _w.Line("return errors.Count == mark;")
          .Close()
          .Line();
    }

    private void EmitReadArray(SchemaNode node, string type)
    {
        var items = node.Items!;
        var needsAllItems = node.UniqueItems || node.HasEnum || node.ConstJson is not null;
        _w.Open("internal static bool Read" + N(node) + "(" + Element + " json, string path, " + Errors + " errors, out " + type + " value)")
          .Line("var mark = errors.Count;")
          .Line((needsAllItems ? "var itemsRead = " : "") + Read + ".Array<" + TypeOf(items) + ">(json, path, errors, " + ReadOf(items) + ", out value);")
          .Line("if (json.ValueKind != global::System.Text.Json.JsonValueKind.Array) return false;");
        if (needsAllItems)
        {
            _w.Line("// Counts hold whatever the items are; equality and enum checks need every item read.");
        }

        _w.Line("Check" + N(node) + "List" + "(value, path, errors, " + (needsAllItems ? "itemsRead" : "true") + ");");
        EmitComposeCall(node, "json");
        EmitAdvise(node);
        _w.Line("return errors.Count == mark;")
          .Close()
          .Line();
    }

    private void EmitReadJson(SchemaNode node)
    {
        _w.Open("internal static bool Read" + N(node) + "(" + Element + " json, string path, " + Errors + " errors, out " + Element + " value)")
          .Line("var mark = errors.Count;")
          .Line("value = json.Clone();")
          .Line("Check" + N(node) + "(value, path, errors);")
          .Line("return errors.Count == mark;")
          .Close()
          .Line();
    }
}
