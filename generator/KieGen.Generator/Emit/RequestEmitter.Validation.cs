using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>Check methods: every schema constraint on a typed value, shared by Validate() and TryParse.</summary>
internal sealed partial class RequestEmitter
{
    /// <summary>String and number keyword checks on a typed value (<paramref name="v"/>: string, long or double).</summary>
    private void AddScalarChecks(MethodBody body, SchemaNode node, string v)
    {
        if (node.MinLength is not null || node.MaxLength is not null)
        {
            body.Expression(Check + ".Length(errors, path, " + v + ", " + OptLong(node.MinLength) + ", " + OptLong(node.MaxLength) + ")");
        }

        if (node.Pattern is not null)
        {
            body.Expression(Check + ".Pattern(errors, path, " + v + ", " + N(node) + "Pattern)");
        }

        if (node.UriFormat)
        {
            body.Expression(Check + ".Uri(errors, path, " + v + ")");
        }

        if (node.Minimum is not null || node.Maximum is not null || node.ExclusiveMinimum is not null || node.ExclusiveMaximum is not null)
        {
            body.Expression(Check + ".Range(errors, path, " + v + ", " + RangeArguments(node) + ")");
        }

        if (node.MultipleOf is { } step)
        {
            body.Expression(Check + ".MultipleOf(errors, path, " + v + ", " + Text.Double(step) + ")");
        }

        if (node.Kind != NodeKind.Json && node.HasEnum)
        {
            body.Expression(Check + ".OneOf(errors, path, " + v + ", " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ")");
            AddDeprecatedValueChecks(body, node, v, null);
        }

        if (node.ConstJson is not null && IsScalarConst(node))
        {
            body.Expression(Check + ".Const(errors, path, " + v + ", " + ConstLiteral(node) + ", " + Text.Literal(node.ConstJson) + ")");
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

    /// <summary><c>enum</c>/<c>const</c> on an array or object: compared as JSON, like an untyped value.</summary>
    /// <param name="body">The method the checks go into.</param>
    /// <param name="node">An array or object node.</param>
    /// <param name="json">The value's JSON when already at hand (reading); null to write <c>value</c> out first.</param>
    private void AddStructuralEnumAndConst(MethodBody body, SchemaNode node, string? json)
    {
        if (!node.HasEnum && node.ConstJson is null)
        {
            return;
        }

        if (json is null)
        {
            json = "json";
            body.Statement("var json = " + JsonHelpers + ".Element(value, Write" + N(node) + ");");
        }

        if (node.HasEnum)
        {
            body.Expression(Check + ".EnumJson(errors, path, " + json + ", " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ")");
        }

        if (node.ConstJson is not null)
        {
            body.Expression(Check + ".ConstJson(errors, path, " + json + ", " + N(node) + "Const, " + Text.Literal(node.ConstJson) + ")");
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

    private string CheckHeader(SchemaNode node, string type) =>
        "internal static void " + CheckName(node) + "(" + type + " value, string path, " + Errors + " errors)";

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

        var body = new MethodBody();
        AddComposeCall(body, node, JsonOf(node, "value"));
        if (node.IsCSharpEnum)
        {
            if (node.ConstJson is not null && node.Enum.FirstOrDefault(m => m.Json == node.ConstJson) is { } constant)
            {
                body.Statement("if (value != " + type + "." + Text.Id(constant.CSharpName) + ") errors.Add(new " + Error + "(path, \"const\", \"must be \" + " + Text.Literal(node.ConstJson) + "));");
            }

            // A range or switch, not Enum.IsDefined: no reflection, so it stays trim- and AOT-safe.
            if (node.Kind == NodeKind.String)
            {
                // String enums are declared without explicit values: members are 0 to Count - 1.
                body.Expression(Check + ".Declared(errors, path, (int)value, " + N(node) + "Wire.Length, " + Text.Literal(AllowedText(node)) + ")");
                AddDeprecatedValueChecks(body, node, "value", type);
            }
            else
            {
                AddDeprecatedValueChecks(body, node, "value", type);
                // Integer members have the wire values, which need not be consecutive: a pattern names each one
                // (one a line beyond three, so a long list stays readable).
                var members = node.Enum.Select(m => type + "." + Text.Id(m.CSharpName)).ToList();
                if (members.Count <= 3)
                {
                    body.Open("if (value is not (" + string.Join(" or ", members) + "))");
                }
                else
                {
                    body.Statement("if (value is not (" + members[0]);
                    members.Skip(1).Take(members.Count - 2).ToList().ForEach(m => body.Statement("    or " + m));
                    body.Open("    or " + members[members.Count - 1] + "))");
                }

                body.Expression("errors.Add(new " + Error + "(path, \"enum\", \"must be one of \" + " + Text.Literal(AllowedText(node)) + "))")
                    .Close();
            }
        }
        else
        {
            AddScalarChecks(body, node, "value");
        }

        body.Write(_w, CheckHeader(node, type));
        _w.Line();
    }

    private void EmitCheckObject(SchemaNode node, string type)
    {
        ObjectChecks(node).Write(_w, CheckHeader(node, type));
        _w.Line();
    }

    private readonly Dictionary<int, MethodBody> _objectChecks = new();

    /// <summary>The statements of an object's check (empty when nothing about it can be wrong), built once per node.</summary>
    private MethodBody ObjectChecks(SchemaNode node)
    {
        if (_objectChecks.TryGetValue(node.Id, out var built))
        {
            return built;
        }

        var locals = Locals(node);
        var body = new MethodBody();
        AddComposeCall(body, node, JsonOf(node, "value"));
        foreach (var property in node.Properties)
        {
            var member = Check + ".Member(path, " + Text.Literal(property.WireName) + ")";
            var access = "value." + Text.Id(property.CSharpName);
            var plain = IsPlain(property.Schema) || !HasCheckMethod(property.Schema);
            if (property.Required && IsValueType(property.Schema))
            {
                if (!plain)
                {
                    body.Expression("Check" + N(property.Schema) + "(" + access + ", " + member + ", errors)");
                }
            }
            else if (property.Required)
            {
                body.Statement("if (" + access + " is null) " + Check + ".Required(errors, " + member + ", false);");
                if (!plain)
                {
                    body.Statement("else Check" + N(property.Schema) + "(" + access + ", " + member + ", errors);");
                }
            }
            else if (!plain)
            {
                body.Statement("if (" + access + " is { } " + locals[property] + ") Check" + N(property.Schema) + "(" + locals[property] + ", " + member + ", errors);");
            }
        }

        AddAdvisoryRequiredChecks(body, node);
        if (node.AdditionalAllowed && node.AdditionalSchema is { } schema && !ReadsAnything(schema))
        {
            // Additional properties set in code get the same scrutiny as those read from JSON.
            body.Open("if (value.AdditionalProperties is { } extra)")
                .Statement("foreach (var pair in extra) " + ReadOf(schema) + "(pair.Value, " + Check + ".Member(path, pair.Key), errors, out _);")
                .Close();
        }

        AddStructuralEnumAndConst(body, node, null);
        _objectChecks[node.Id] = body;
        return body;
    }

    /// <summary>An array's own checks (item counts, uniqueness, enum, const), beside those of its items.</summary>
    private static bool HasListChecks(SchemaNode node) => node.MinItems is not null || node.MaxItems is not null || NeedsAllItems(node);

    /// <summary>Equality and enum checks of an array need every item read; counts hold whatever the items are.</summary>
    private static bool NeedsAllItems(SchemaNode node) => node.UniqueItems || node.HasEnum || node.ConstJson is not null;

    private void EmitCheckArray(SchemaNode node, string type)
    {
        var items = node.Items!;
        var body = new MethodBody();
        if (HasListChecks(node))
        {
            body.Expression("Check" + N(node) + "List(value, path, errors" + (NeedsAllItems(node) ? ", true" : "") + ")");
        }

        AddComposeCall(body, node, JsonOf(node, "value"));
        if (!IsPlain(items) && HasCheckMethod(items))
        {
            body.Statement("for (var i = 0; i < value.Count; i++) Check" + N(items) + "(value[i], " + Check + ".Index(path, i), errors);");
        }

        body.Write(_w, CheckHeader(node, type));
        _w.Line();
        if (!HasListChecks(node))
        {
            return;
        }

        var list = new MethodBody();
        if (node.MinItems is not null || node.MaxItems is not null)
        {
            list.Expression(Check + ".Count(errors, path, value.Count, " + OptLong(node.MinItems) + ", " + OptLong(node.MaxItems) + ")");
        }

        if (NeedsAllItems(node))
        {
            list.Statement("if (!itemsRead) return;");
        }

        if (node.UniqueItems)
        {
            list.Expression(items.Kind switch
            {
                NodeKind.Json => Check + ".Unique(errors, path, value, " + Support + ".KieJsonEqualityComparer.Instance)",
                NodeKind.Array or NodeKind.Object => Check + ".Unique(errors, path, " + JsonHelpers + ".Elements(value, Write" + N(items) + "), " + Support + ".KieJsonEqualityComparer.Instance)",
                _ => Check + ".Unique(errors, path, value)",
            });
        }

        AddStructuralEnumAndConst(list, node, null);
        list.Write(_w, "private static void Check" + N(node) + "List(" + type + " value, string path, " + Errors + " errors" + (NeedsAllItems(node) ? ", bool itemsRead" : "") + ")");
        _w.Line();
    }

    private void EmitCheckJson(SchemaNode node)
    {
        var body = new MethodBody();
        if (node.Never)
        {
            // The schema false: a member a condition or branch forbids.
            body.Expression("errors.Add(new " + Error + "(path, \"false\", \"is not allowed\"))");
            body.Write(_w, CheckHeader(node, Element));
            _w.Line();
            return;
        }

        var checks = new MethodBody();
        AddComposeCall(checks, node, "value");
        if (node.HasEnum)
        {
            checks.Expression(Check + ".EnumJson(errors, path, value, " + N(node) + "Allowed, " + Text.Literal(AllowedText(node)) + ")");
        }

        if (node.ConstJson is not null)
        {
            checks.Expression(Check + ".ConstJson(errors, path, value, " + N(node) + "Const, " + Text.Literal(node.ConstJson) + ")");
        }

        AddKindChecks(checks, node);

        // A guard stops the checks after it when the value has the wrong type; with nothing after it, it is a plain call.
        var typeList = node.JsonTypes.Count > 0 ? Composition + ".Type(errors, path, value, " + N(node) + "Types)" : null;
        if (node.RequireObject)
        {
            const string notObject = "value.ValueKind != global::System.Text.Json.JsonValueKind.Object";
            const string mismatch = Read + ".TypeMismatch(errors, path, \"an object\", value)";
            body.Statement(typeList is null && checks.Count == 0
                ? "if (" + notObject + ") " + mismatch + ";"
                : "if (" + notObject + " && !" + mismatch + ") return;");
        }

        if (typeList is not null)
        {
            if (checks.Count == 0)
            {
                body.Expression(typeList);
            }
            else
            {
                body.Statement("if (!" + typeList + ") return;");
            }
        }

        body.Append(checks);
        body.Write(_w, CheckHeader(node, Element));
        _w.Line();
    }

    /// <summary>The checks that apply to one JSON value kind (string, number, array, object), each under its kind.</summary>
    private void AddKindChecks(MethodBody body, SchemaNode node)
    {
        var cases = new List<(string Kind, MethodBody Checks)>();
        var text = new MethodBody();
        AddScalarChecks(text, node with { Minimum = null, Maximum = null, ExclusiveMinimum = null, ExclusiveMaximum = null, MultipleOf = null, Enum = EquatableArray<EnumMember>.Empty, ConstJson = null }, "text");
        if (text.Count > 0)
        {
            cases.Add(("String", new MethodBody().Statement("var text = value.GetString()!;").Append(text)));
        }

        var number = new MethodBody();
        AddScalarChecks(number, node with { MinLength = null, MaxLength = null, Pattern = null, UriFormat = false, Enum = EquatableArray<EnumMember>.Empty, ConstJson = null }, "number");
        if (number.Count > 0)
        {
            cases.Add(("Number", new MethodBody().Statement("var number = value.GetDouble();").Append(number)));
        }

        var items = node.Items;
        var array = new MethodBody();
        if (node.MinItems is not null || node.MaxItems is not null)
        {
            array.Expression(Check + ".Count(errors, path, value.GetArrayLength(), " + OptLong(node.MinItems) + ", " + OptLong(node.MaxItems) + ")");
        }

        if (node.UniqueItems)
        {
            array.Expression(Check + ".Unique(errors, path, global::System.Linq.Enumerable.ToArray(value.EnumerateArray()), " + Support + ".KieJsonEqualityComparer.Instance)");
        }

        if (items is not null && ReadStatement(items, "item", Check + ".Index(path, index++)", "errors", "_") is { } readItem)
        {
            array.Statement("var index = 0;")
                 .Statement("foreach (var item in value.EnumerateArray()) " + readItem);
        }

        if (array.Count > 0)
        {
            cases.Add(("Array", array));
        }

        var members = new MethodBody();
        foreach (var name in node.JsonRequired)
        {
            members.Expression(Check + ".Required(errors, " + Check + ".Member(path, " + Text.Literal(name) + "), value.TryGetProperty(" + Text.Literal(name) + ", out _))");
        }

        string? ReadMember(SchemaNode schema) => ReadStatement(schema, "property.Value", Check + ".Member(path, property.Name)", "errors", "_");
        var other = !node.AdditionalAllowed ? Check + ".NotAllowed(errors, " + Check + ".Member(path, property.Name));"
            : node.AdditionalSchema is { } extra ? ReadMember(extra)
            : null;
        // A member that may hold anything needs a case of its own only to keep it from the others' statement.
        var memberReads = node.Properties
            .Select(p => (Literal: Text.Literal(p.WireName), Statement: ReadMember(p.Schema) ?? (other is null ? null : "")))
            .Where(m => m.Statement is not null)
            .Select(m => (m.Literal, m.Statement!))
            .ToList();
        if (memberReads.Count > 0 || other is not null)
        {
            members.Open("foreach (var property in value.EnumerateObject())");
            AddMemberDispatch(members, memberReads, other);
            members.Close();
        }

        if (members.Count > 0)
        {
            cases.Add(("Object", members));
        }

        const string kind = "global::System.Text.Json.JsonValueKind.";
        if (cases.Count == 1)
        {
            body.Open("if (value.ValueKind == " + kind + cases[0].Kind + ")").Append(cases[0].Checks).Close();
            return;
        }

        if (cases.Count > 1)
        {
            body.Open("switch (value.ValueKind)");
            foreach (var (name, checks) in cases)
            {
                body.Open("case " + kind + name + ":").Append(checks).Statement("break;").Close();
            }

            body.Close();
        }
    }

    /// <summary>
    /// Inside <c>foreach (var property in ...)</c>: one statement per declared member (empty for a member with nothing
    /// to check) and <paramref name="other"/> for the rest, as an <c>if</c> for one or two choices and a <c>switch</c> beyond.
    /// </summary>
    private static void AddMemberDispatch(MethodBody body, IReadOnlyList<(string Literal, string Statement)> members, string? other)
    {
        if (members.Count == 0)
        {
            body.Statement(other!);
        }
        else if (members.Count == 1 && members[0].Statement.Length == 0)
        {
            body.Statement("if (property.Name != " + members[0].Literal + ") " + other);
        }
        else if (members.Count == 1)
        {
            body.Statement("if (property.Name == " + members[0].Literal + ") " + members[0].Statement);
            if (other is not null)
            {
                body.Statement("else " + other);
            }
        }
        else
        {
            body.Open("switch (property.Name)");
            foreach (var (literal, statement) in members)
            {
                body.Statement("case " + literal + ": " + (statement.Length == 0 ? "" : statement + " ") + "break;");
            }

            if (other is not null)
            {
                body.Statement("default: " + other + " break;");
            }

            body.Close();
        }
    }
}
