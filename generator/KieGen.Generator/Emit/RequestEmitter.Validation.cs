using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>Check methods: every schema constraint on a typed value, shared by Validate() and TryParse.</summary>
internal sealed partial class RequestEmitter
{
    /// <summary>String and number keyword checks on a typed value (<paramref name="v"/>: string, long or double).</summary>
    private void EmitScalarChecks(SchemaNode node, string v)
    {
        if (node.MinLength is not null || node.MaxLength is not null)
        {
            _w.Line(Check + ".Length(errors, path, " + v + ", " + OptLong(node.MinLength) + ", " + OptLong(node.MaxLength) + ");");
        }

        if (node.Pattern is not null)
        {
            _w.Line(Check + ".Pattern(errors, path, " + v + ", " + N(node) + "Pattern);");
        }

        if (node.UriFormat)
        {
            _w.Line(Check + ".Uri(errors, path, " + v + ");");
        }

        if (node.Minimum is not null || node.Maximum is not null || node.ExclusiveMinimum is not null || node.ExclusiveMaximum is not null)
        {
            _w.Line(Check + ".Range(errors, path, " + v + ", " + RangeArguments(node) + ");");
        }

        if (node.MultipleOf is { } step)
        {
            _w.Line(Check + ".MultipleOf(errors, path, " + v + ", " + Text.Double(step) + ");");
        }

        if (node.Kind != NodeKind.Json && node.HasEnum)
        {
            _w.Line(Check + ".OneOf(errors, path, " + v + ", " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ");");
            EmitDeprecatedValueChecks(node, v, null);
        }

        if (node.ConstJson is not null && IsScalarConst(node))
        {
            _w.Line(Check + ".Const(errors, path, " + v + ", " + ConstLiteral(node) + ", " + Text.Literal(node.ConstJson) + ");");
        }
    }

    /// <summary>
    /// Bounds as literals of the value's type: longs for an integer (exact over the whole range, a fractional bound
    /// rounded inward, a bound beyond <c>long</c> clamped), doubles otherwise.
    /// </summary>
    private static string RangeArguments(SchemaNode node)
    {
        if (node.Kind != NodeKind.Integer)
        {
            return OptDouble(node.Minimum) + ", " + OptDouble(node.Maximum) + ", " + OptDouble(node.ExclusiveMinimum) + ", " + OptDouble(node.ExclusiveMaximum);
        }

        var min = node.Minimum is { } lo ? Clamp(Math.Ceiling(lo)) : null;
        var max = node.Maximum is { } hi ? Clamp(Math.Floor(hi)) : null;
        long? xmin = null, xmax = null;
        if (node.ExclusiveMinimum is { } xlo)
        {
            if (xlo == Math.Floor(xlo)) xmin = Clamp(xlo);
            else min = Math.Max(min ?? long.MinValue, Clamp(Math.Ceiling(xlo))!.Value);
        }

        if (node.ExclusiveMaximum is { } xhi)
        {
            if (xhi == Math.Floor(xhi)) xmax = Clamp(xhi);
            else max = Math.Min(max ?? long.MaxValue, Clamp(Math.Floor(xhi))!.Value);
        }

        return OptLong(min) + ", " + OptLong(max) + ", " + OptLong(xmin) + ", " + OptLong(xmax);
    }

    private static long? Clamp(decimal value) => value <= long.MinValue ? long.MinValue : value >= long.MaxValue ? long.MaxValue : (long)value;

    /// <summary><c>enum</c>/<c>const</c> on an array: compared as JSON, like an untyped value.</summary>
    /// <param name="node">An array or object node.</param>
    /// <param name="json">The value's JSON when already at hand (reading); null to write <c>value</c> out first.</param>
    private void EmitStructuralEnumAndConst(SchemaNode node, string? json)
    {
        if (!node.HasEnum && node.ConstJson is null)
        {
            return;
        }

        if (json is null)
        {
            json = "json";
            _w.Line("var json = global::KieGen.Generated.KieJson.Element(value, Write" + N(node) + ");");
        }

        if (node.HasEnum)
        {
            _w.Line(Check + ".EnumJson(errors, path, " + json + ", " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ");");
        }

        if (node.ConstJson is not null)
        {
            _w.Line(Check + ".ConstJson(errors, path, " + json + ", " + N(node) + "Const, " + Text.Literal(node.ConstJson) + ");");
        }
    }

    private static bool HasChecks(SchemaNode node) =>
        node.Kind != NodeKind.Json || node.RequireObject || node.HasEnum || node.ConstJson is not null ||
        node.MinLength is not null || node.MaxLength is not null || node.Pattern is not null || node.UriFormat ||
        node.Minimum is not null || node.Maximum is not null || node.ExclusiveMinimum is not null ||
        node.ExclusiveMaximum is not null || node.MultipleOf is not null || node.MinItems is not null ||
        node.MaxItems is not null || node.UniqueItems || (node.Items is not null && HasChecks(node.Items)) ||
        node.Properties.Count > 0 || node.JsonRequired.Count > 0 || !node.AdditionalAllowed || node.AdditionalSchema is not null ||
        node.JsonTypes.Count > 0 || node.HasJsonRules || node.Never;

    private void EmitCheck(SchemaNode node, string type)
    {
        if (EmitAdvisedCheck(node, type))
        {
            return;
        }

        switch (node.Kind)
        {
            case NodeKind.Object:
                EmitCheckObject(node, type);
                return;
            case NodeKind.Array:
                EmitCheckArray(node, type);
                return;
            case NodeKind.Json:
                EmitCheckJson(node);
                return;
        }

        _w.Open("internal static void " + CheckName(node) + "(" + type + " value, string path, " + Errors + " errors)");
        EmitComposeCall(node, JsonOf(node, "value"));
        if (node.IsCSharpEnum)
        {
            if (node.ConstJson is not null && node.Enum.FirstOrDefault(m => m.Json == node.ConstJson) is { } constant)
            {
                _w.Line("if (value != " + type + "." + Text.Id(constant.CSharpName) + ") errors.Add(new " + Error + "(path, \"const\", \"must be \" + " + Text.Literal(node.ConstJson) + "));");
            }

            // A range or switch, not Enum.IsDefined: no reflection, so it stays trim- and AOT-safe.
            if (node.Kind == NodeKind.String)
            {
                // String enums are declared without explicit values: members are 0 to Count - 1.
                _w.Line(Check + ".Declared(errors, path, (int)value, " + N(node) + "Wire.Length, " + Text.Literal(AllowedText(node)) + ");");
                EmitDeprecatedValueChecks(node, "value", type);
            }
            else
            {
                EmitDeprecatedValueChecks(node, "value", type);
                _w.Open("switch (value)");
                foreach (var member in node.Enum)
                {
                    _w.Line("case " + type + "." + Text.Id(member.CSharpName) + ":");
                }

                _w.Line("    return;")
                  .Close()
                  .Line()
                  .Line("errors.Add(new " + Error + "(path, \"enum\", \"must be one of \" + " + Text.Literal(AllowedText(node)) + "));");
            }
        }
        else
        {
            EmitScalarChecks(node, "value");
        }

        _w.Close();
        if (!WritesInline(node))
        {
            _w.Line();
        }
    }

    private void EmitCheckObject(SchemaNode node, string type)
    {
        var locals = Locals(node);
        _w.Open("internal static void " + CheckName(node) + "(" + type + " value, string path, " + Errors + " errors)");
        EmitComposeCall(node, JsonOf(node, "value"));
        foreach (var property in node.Properties)
        {
            var member = Check + ".Member(path, " + Text.Literal(property.WireName) + ")";
            var access = "value." + Text.Id(property.CSharpName);
            var plain = IsPlain(property.Schema);
            if (property.Required && IsValueType(property.Schema))
            {
                if (!plain)
                {
                    _w.Line("Check" + N(property.Schema) + "(" + access + ", " + member + ", errors);");
                }
            }
            else if (property.Required)
            {
                _w.Line("if (" + access + " is null) " + Check + ".Required(errors, " + member + ", false);");
                if (!plain)
                {
                    _w.Line("else Check" + N(property.Schema) + "(" + access + ", " + member + ", errors);");
                }
            }
            else if (!plain)
            {
                _w.Line("if (" + access + " is { } " + locals[property] + ") Check" + N(property.Schema) + "(" + locals[property] + ", " + member + ", errors);");
            }
        }

        EmitAdvisoryRequiredChecks(node);
        if (node.AdditionalAllowed && node.AdditionalSchema is { } schema)
        {
            // Additional properties set in code get the same scrutiny as those read from JSON.
            _w.Open("if (value.AdditionalProperties is { } extra)")
              .Line("foreach (var pair in extra) " + ReadOf(schema) + "(pair.Value, " + Check + ".Member(path, pair.Key), errors, out _);")
              .Close();
        }

        EmitStructuralEnumAndConst(node, null);
        _w.Close().Line();
    }

    private void EmitCheckArray(SchemaNode node, string type)
    {
        var items = node.Items!;
        _w.Open("internal static void " + CheckName(node) + "(" + type + " value, string path, " + Errors + " errors)")
          .Line("Check" + N(node) + "List(value, path, errors, true);");
        EmitComposeCall(node, JsonOf(node, "value"));
        if (!IsPlain(items))
        {
            _w.Line("for (var i = 0; i < value.Count; i++) Check" + N(items) + "(value[i], " + Check + ".Index(path, i), errors);");
        }

        _w.Close()
          .Line();

        _w.Open("private static void Check" + N(node) + "List" + "(" + type + " value, string path, " + Errors + " errors, bool itemsRead)");
        if (node.MinItems is not null || node.MaxItems is not null)
        {
            _w.Line(Check + ".Count(errors, path, value.Count, " + OptLong(node.MinItems) + ", " + OptLong(node.MaxItems) + ");");
        }

        if (node.UniqueItems || node.HasEnum || node.ConstJson is not null)
        {
            _w.Line("if (!itemsRead) return;");
        }

        if (node.UniqueItems)
        {
            _w.Line(items.Kind switch
            {
                NodeKind.Json => Check + ".Unique(errors, path, value, global::KieGen.Generated.KieJsonEqualityComparer.Instance);",
                NodeKind.Array or NodeKind.Object => Check + ".Unique(errors, path, global::KieGen.Generated.KieJson.Elements(value, Write" + N(items) + "), global::KieGen.Generated.KieJsonEqualityComparer.Instance);",
                _ => Check + ".Unique(errors, path, value);",
            });
        }

        EmitStructuralEnumAndConst(node, null);
        _w.Close().Line();
    }

    private void EmitCheckJson(SchemaNode node)
    {
        _w.Open("internal static void " + CheckName(node) + "(" + Element + " value, string path, " + Errors + " errors)");
        if (node.Never)
        {
            // The schema false: a member a condition or branch forbids.
            _w.Line("errors.Add(new " + Error + "(path, \"false\", \"is not allowed\"));").Close().Line();
            return;
        }

        if (node.RequireObject)
        {
            _w.Line("if (value.ValueKind != global::System.Text.Json.JsonValueKind.Object && !" + Read + ".TypeMismatch(errors, path, \"an object\", value)) return;");
        }

        EmitTypeListCheck(node);
        EmitComposeCall(node, "value");

        if (node.HasEnum)
        {
            _w.Line(Check + ".EnumJson(errors, path, value, " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ");");
        }

        if (node.ConstJson is not null)
        {
            _w.Line(Check + ".ConstJson(errors, path, value, " + N(node) + "Const, " + Text.Literal(node.ConstJson) + ");");
        }

        var stringChecks = node.MinLength is not null || node.MaxLength is not null || node.Pattern is not null || node.UriFormat;
        var numberChecks = node.Minimum is not null || node.Maximum is not null || node.ExclusiveMinimum is not null || node.ExclusiveMaximum is not null || node.MultipleOf is not null;
        var items = node.Items;
        var arrayChecks = node.MinItems is not null || node.MaxItems is not null || node.UniqueItems || (items is not null && HasChecks(items));
        var objectChecks = node.Properties.Count > 0 || node.JsonRequired.Count > 0 || !node.AdditionalAllowed || node.AdditionalSchema is not null;
        if (!(stringChecks || numberChecks || arrayChecks || objectChecks))
        {
            _w.Close().Line();
        }
        else
        {
            _w.Open("switch (value.ValueKind)");
            if (stringChecks)
            {
                _w.Open("case global::System.Text.Json.JsonValueKind.String:")
                  .Line("var text = value.GetString()!;");
                EmitScalarChecks(node with { Minimum = null, Maximum = null, ExclusiveMinimum = null, ExclusiveMaximum = null, MultipleOf = null, Enum = EquatableArray<EnumMember>.Empty, ConstJson = null }, "text");
                _w.Line("break;").Close();
            }

            if (numberChecks)
            {
                _w.Open("case global::System.Text.Json.JsonValueKind.Number:")
                  .Line("var number = value.GetDouble();");
                EmitScalarChecks(node with { MinLength = null, MaxLength = null, Pattern = null, UriFormat = false, Enum = EquatableArray<EnumMember>.Empty, ConstJson = null }, "number");
                _w.Line("break;").Close();
            }

            if (arrayChecks)
            {
                _w.Open("case global::System.Text.Json.JsonValueKind.Array:");
                if (node.MinItems is not null || node.MaxItems is not null)
                {
                    _w.Line(Check + ".Count(errors, path, value.GetArrayLength(), " + OptLong(node.MinItems) + ", " + OptLong(node.MaxItems) + ");");
                }

                if (node.UniqueItems)
                {
                    _w.Line(Check + ".Unique(errors, path, global::System.Linq.Enumerable.ToArray(value.EnumerateArray()), global::KieGen.Generated.KieJsonEqualityComparer.Instance);");
                }

                if (items is not null && HasChecks(items))
                {
                    _w.Line("var index = 0;")
                      .Line("foreach (var item in value.EnumerateArray()) " + ReadOf(items) + "(item, " + Check + ".Index(path, index++), errors, out _);");
                }

                _w.Line("break;").Close();
            }

            if (objectChecks)
            {
                _w.Open("case global::System.Text.Json.JsonValueKind.Object:");
                foreach (var name in node.JsonRequired)
                {
                    _w.Line(Check + ".Required(errors, " + Check + ".Member(path, " + Text.Literal(name) + "), value.TryGetProperty(" + Text.Literal(name) + ", out _));");
                }

                if (node.Properties.Count > 0 || !node.AdditionalAllowed || node.AdditionalSchema is not null)
                {
                    _w.Open("foreach (var property in value.EnumerateObject())")
                      .Open("switch (property.Name)");
                    foreach (var property in node.Properties)
                    {
                        _w.Line("case " + Text.Literal(property.WireName) + ": " + ReadOf(property.Schema) + "(property.Value, " + Check + ".Member(path, property.Name), errors, out _); break;");
                    }

                    if (!node.AdditionalAllowed)
                    {
                        _w.Line("default: " + Check + ".NotAllowed(errors, " + Check + ".Member(path, property.Name)); break;");
                    }
                    else if (node.AdditionalSchema is { } extra)
                    {
                        _w.Line("default: " + ReadOf(extra) + "(property.Value, " + Check + ".Member(path, property.Name), errors, out _); break;");
                    }

                    _w.Close().Close();
                }

                _w.Line("break;").Close();
            }

            _w.Close().Close().Line();
        }
    }
}
