using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>
/// Type lists and <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>: each branch is checked against the value's JSON by the
/// branch's own reader, and a runtime helper turns the results into one error naming the branches. The request type
/// also gets a builder per object-shaped branch, listing only that branch's fields.
/// </summary>
internal sealed partial class RequestEmitter
{
    private const string Composition = Support + ".KieComposition";

    /// <summary>The node's value as a JsonElement, for checks that work on JSON.</summary>
    private string JsonOf(SchemaNode node, string value) =>
        node.Kind == NodeKind.Json ? value
        : WritesInline(node) ? JsonHelpers + ".Element(" + value + ", static (writer, item) => " + WriteCall(node, "item").TrimEnd(';') + ")"
        : JsonHelpers + ".Element(" + value + ", Write" + N(node) + ")";

    /// <summary>The call of the node's composition check, where its Check (or Read) method has the value.</summary>
    private void AddComposeCall(MethodBody body, SchemaNode node, string json)
    {
        if (node.HasJsonRules)
        {
            body.Expression("Compose" + N(node) + "(" + json + ", path, errors)");
        }
    }

    /// <summary>
    /// What a branch is called in helper and local names: its title; for an untitled one (the parser calls it
    /// "option N"), what it tests: <c>WhenMultiShots</c> for an <c>if</c> on <c>multi_shots</c>, <c>WithStyle</c>
    /// for a part that declares <c>style</c>, <c>RequiresSize</c> for one that requires <c>size</c>.
    /// </summary>
    private static string BranchLabel(Branch branch, int index)
    {
        if (branch.Title != "option " + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return branch.CSharpName;
        }

        var schema = branch.Schema;
        if (schema.Compositions.Count == 1 && schema.Compositions[0] is { Kind: CompositionKind.Conditional } conditional &&
            (conditional.Trigger ?? FirstMember(conditional.Find("if")?.Schema)) is { } trigger)
        {
            return "When" + Parsing.CSharpNames.Pascal(trigger, "V");
        }

        if (schema.Properties.Count > 0)
        {
            return "With" + schema.Properties[0].CSharpName;
        }

        return schema.JsonRequired.Count > 0 ? "Requires" + Parsing.CSharpNames.Pascal(schema.JsonRequired[0], "V") : branch.CSharpName;
    }

    /// <summary>
    /// What else tells a branch apart when its label is taken (by a property of the same name, or by another branch
    /// on the same condition): for a condition, what its <c>then</c> is about (<c>ThenInstrumental</c>); otherwise
    /// that it is a branch.
    /// </summary>
    private static string BranchQualifier(Branch branch)
    {
        var schema = branch.Schema;
        if (schema.Compositions.Count == 1 && schema.Compositions[0] is { Kind: CompositionKind.Conditional } conditional &&
            conditional.Find("then")?.Schema is { } then && Subject(then) is { } subject)
        {
            return "Then" + Parsing.CSharpNames.Pascal(subject, "V");
        }

        return "Branch";
    }

    /// <summary>The member a schema is about: the first it declares or requires, or the one its own condition tests.</summary>
    private static string? Subject(SchemaNode schema) =>
        FirstMember(schema) ??
        (schema.Compositions.Count == 1 && schema.Compositions[0] is { Kind: CompositionKind.Conditional } conditional
            ? conditional.Trigger ?? FirstMember(conditional.Find("if")?.Schema)
            : null);

    /// <summary>The first member a schema declares or requires, by wire name.</summary>
    private static string? FirstMember(SchemaNode? schema) =>
        schema is null ? null : schema.Properties.Count > 0 ? schema.Properties[0].WireName : schema.JsonRequired.FirstOrDefault();

    /// <summary>
    /// The local that collects a branch's findings in <c>Compose…</c>: the branch's helper name without its parent's
    /// prefix, camel-cased (<c>fromText</c> for <c>ReadFromText</c>), so the call and the list read alike.
    /// </summary>
    private string BranchLocal(SchemaNode node, Branch branch, int index)
    {
        var name = N(branch.Schema);
        var prefix = node == _model.Input ? "" : N(node);
        return name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal)
            ? Camel(name.Substring(prefix.Length))
            : Camel(BranchLabel(branch, index));
    }

    /// <summary>
    /// <c>Compose…</c>: dependentRequired, then each composition; the findings of each branch are collected in a list
    /// named after the branch (<c>fromText</c>, <c>condition</c>) and judged by the runtime.
    /// </summary>
    private void EmitCompose(SchemaNode node)
    {
        if (!node.HasJsonRules)
        {
            return;
        }

        var body = new MethodBody();
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { "json", "path", "errors" };
        string Local(string name) => Text.Id(Parsing.CSharpNames.Unique(new[] { name }, taken)[0]);
        string Collect(string local, SchemaNode branch)
        {
            body.Statement("var " + local + " = new " + Errors + "();");
            if (ReadStatement(branch, "json", "path", local, "_") is { } read)
            {
                body.Statement(read);
            }

            return local;
        }

        foreach (var dependency in node.Dependencies)
        {
            body.Expression(Composition + ".DependentRequired(errors, path, json, " + Text.Literal(dependency.Member) + ", " +
                            string.Join(", ", dependency.Required.Select(Text.Literal)) + ")");
        }

        foreach (var composition in node.Compositions)
        {
            if (composition.Kind == CompositionKind.Conditional)
            {
                AddConditional(body, composition, Local("condition"), Local("outcome"));
                continue;
            }

            if (composition.Kind == CompositionKind.Not)
            {
                var negated = Collect(Local("negated"), composition.Branches[0].Schema);
                body.Expression(Composition + ".Not(errors, path, " + negated + ", " + (composition.Forbids.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", composition.Forbids.Select(Text.Literal)) + " }") + ")");
                continue;
            }

            var results = new List<string>();
            for (var b = 0; b < composition.Branches.Count; b++)
            {
                var branch = composition.Branches[b];
                var local = Collect(Local(BranchLocal(node, branch, b)), branch.Schema);
                results.Add("new " + Support + ".KieBranchResult(" + Text.Literal(branch.Title) + ", " + local + ")");
            }

            body.Expression(composition.Kind switch
            {
                CompositionKind.All => Composition + ".AllOf(errors, " + string.Join(", ", results) + ")",
                CompositionKind.Any => Composition + ".AnyOf(errors, path, " + string.Join(", ", results) + ")",
                _ => Composition + ".OneOf(errors, path, " + string.Join(", ", results) + ")",
            });
        }

        body.Write(_w, "private static void Compose" + N(node) + "(" + Element + " json, string path, " + Errors + " errors)");
        _w.Line();
    }

    /// <summary>
    /// <c>if</c>/<c>then</c>/<c>else</c>: the <c>if</c> branch decides which of the others applies; what that one
    /// reports is added with the condition in words ("is required when multi_shots is true").
    /// </summary>
    private void AddConditional(MethodBody body, Composition composition, string condition, string outcome)
    {
        var then = composition.Find("then");
        var otherwise = composition.Find("else");
        // A branch that accepts anything reports nothing: "{ }" keeps the if/else readable.
        string Apply(Branch branch) => ReadStatement(branch.Schema, "json", "path", outcome, "_") ?? "{ }";
        body.Statement("var " + condition + " = new " + Errors + "();");
        if (ReadStatement(composition.Find("if")!.Schema, "json", "path", condition, "_") is { } test)
        {
            body.Statement(test);
        }

        body.Statement("var " + outcome + " = new " + Errors + "();");
        if (then is not null && otherwise is not null)
        {
            body.Statement("if (" + condition + ".Count == 0) " + Apply(then))
                .Statement("else " + Apply(otherwise))
                .Expression(Composition + ".Conditional(errors, " + outcome + ", " + condition + ".Count == 0 ? " + Text.Literal(composition.When) + " : " + Text.Literal(composition.Otherwise) + ")");
        }
        else
        {
            var branch = then ?? otherwise!;
            body.Statement("if (" + condition + (then is not null ? ".Count == 0" : ".Count > 0") + ") " + Apply(branch))
                .Expression(Composition + ".Conditional(errors, " + outcome + ", " + Text.Literal(then is not null ? composition.When : composition.Otherwise) + ")");
        }
    }

    /// <summary>
    /// <c>[KieCondition]</c> on the request type, for the analyzer to check constant builder calls: its
    /// <c>dependentRequired</c>, and its conditionals (its own or its allOf parts') of the form "when P equals X".
    /// </summary>
    private void EmitConditionAttributes(SchemaNode root)
    {
        string List(IEnumerable<string> names) => names.Any() ? "new string[] { " + string.Join(", ", names.Select(Text.Literal)) + " }" : "new string[0]";
        foreach (var dependency in root.Dependencies)
        {
            _w.Line("[global::KieGen.Requests.KieCondition(" + Text.Literal("when '" + dependency.Member + "' is present") + ", " + Text.Literal(dependency.Member) +
                    ", null, " + List(dependency.Required) + ", " + List(new string[0]) + ")]");
        }

        var parts = root.Compositions.Where(c => c.Kind == CompositionKind.All).SelectMany(c => c.Branches).SelectMany(b => b.Schema.Compositions);
        foreach (var conditional in root.Compositions.Concat(parts).Where(c => c.Kind == CompositionKind.Conditional && c.Trigger is not null))
        {
            _w.Line("[global::KieGen.Requests.KieCondition(" + Text.Literal(conditional.When) + ", " + Text.Literal(conditional.Trigger!) + ", " +
                    (conditional.TriggerJson is null ? "null" : Text.Literal(conditional.TriggerJson)) + ", " + List(conditional.ThenRequires) + ", " + List(conditional.ThenForbids) + ")]");
        }
    }

    /// <summary>The anyOf/oneOf branches of the request type that get a builder of their own.</summary>
    private static IEnumerable<(Composition Composition, Branch Branch)> BuilderBranches(SchemaNode root) =>
        root.Compositions.Where(c => c.Kind is CompositionKind.Any or CompositionKind.One)
            .SelectMany(c => c.Branches.Where(b => b.IsObjectShape).Select(b => (c, b)));

    /// <summary>
    /// <c>Create{Branch}Builder()</c>: a builder with the shared parameters and one branch's own, so IntelliSense shows
    /// which fields go together; its parameters carry the branch's constraints for the analyzer.
    /// </summary>
    private void EmitBranchBuilders(SchemaNode root, string type)
    {
        var branchOnly = new HashSet<string>(root.BranchProperties);
        foreach (var (composition, branch) in BuilderBranches(root))
        {
            var builder = branch.CSharpName + "Builder";
            var declared = branch.Schema.Properties.ToDictionary(p => p.WireName);
            var properties = root.Properties.Where(p => !branchOnly.Contains(p.WireName) || declared.ContainsKey(p.WireName)).ToList();
            var required = branch.Schema.JsonRequired.Concat(root.Properties.Where(p => p.Required).Select(p => p.WireName)).Distinct().ToList();
            var rule = composition.Kind == CompositionKind.One ? "exactly one of the alternatives" : "at least one of the alternatives";

            SummaryXml(new[] { "Starts a builder for the alternative <c>" + Text.DocInline(branch.Title) + "</c> (the request must match " + rule + ")." }
                .Concat(branch.Description.Length > 0 ? new[] { Text.DocInline(branch.Description) } : new string[0])
                .Concat(new[] { "Required here: " + (required.Count == 0 ? "nothing" : string.Join(", ", required.Select(r => "<c>" + Text.DocInline(r) + "</c>"))) + "." }));
            _w.Line("public static " + builder + " Create" + builder + "() => new " + builder + "();")
              .Line();

            SummaryXml("A fluent builder for the alternative <c>" + Text.DocInline(branch.Title) + "</c> of <see cref=\"" + type + "\"/>: only its fields, validated on <see cref=\"Build\"/>.");
            _w.Line(_generatedCode)
              .Open("public sealed class " + builder)
              .Line("private readonly Builder _builder = new Builder();")
              .Line();
            foreach (var property in properties)
            {
                // The branch's own declaration (its limits) where it has one; the class's otherwise.
                var source = declared.TryGetValue(property.WireName, out var own) ? property with { Schema = MergeLimits(property.Schema, own.Schema) } : property;
                var parameter = Text.Id(Camel(property.CSharpName));
                SummaryXml("Sets <c>" + Text.DocInline(property.WireName) + "</c>" + (required.Contains(property.WireName) ? " (required here)" : "") + ". " + Text.DocInline(source.Schema.Description));
                Obsolete(property);
                if (property.Schema.Kind == NodeKind.Array)
                {
                    var item = TypeOf(property.Schema.Items!);
                    _w.Line("public " + builder + " With" + property.CSharpName + "(" + ParameterAttribute(source) + " params " + item + "[] " + parameter + ")")
                      .Line("{")
                      .Line("    _builder.With" + property.CSharpName + "(" + parameter + ");")
                      .Line("    return this;")
                      .Line("}")
                      .Line();
                }
                else
                {
                    _w.Line("public " + builder + " With" + property.CSharpName + "(" + ParameterAttribute(source) + " " + TypeOf(property.Schema) + " " + parameter + ")")
                      .Line("{")
                      .Line("    _builder.With" + property.CSharpName + "(" + parameter + ");")
                      .Line("    return this;")
                      .Line("}")
                      .Line();
                }
            }

            Summary("Returns the request when it satisfies the schema, this alternative included.");
            _w.Line("/// <exception cref=\"global::KieGen.Validation.KieValidationException\">The request violates the schema; the exception lists every violation.</exception>")
              .Line("public " + type + " Build() => _builder.Build();")
              .Close()
              .Line();
        }
    }

    /// <summary>The class property's type with the branch declaration's limits, for the [KieParameter] the analyzer reads.</summary>
    private static SchemaNode MergeLimits(SchemaNode typed, SchemaNode branch) => typed with
    {
        Description = branch.Description.Length > 0 ? branch.Description : typed.Description,
        MinLength = branch.MinLength ?? typed.MinLength,
        MaxLength = branch.MaxLength ?? typed.MaxLength,
        MinItems = branch.MinItems ?? typed.MinItems,
        MaxItems = branch.MaxItems ?? typed.MaxItems,
        Minimum = branch.Minimum ?? typed.Minimum,
        Maximum = branch.Maximum ?? typed.Maximum,
        ExclusiveMinimum = branch.ExclusiveMinimum ?? typed.ExclusiveMinimum,
        ExclusiveMaximum = branch.ExclusiveMaximum ?? typed.ExclusiveMaximum,
        MultipleOf = branch.MultipleOf ?? typed.MultipleOf,
        UriFormat = branch.UriFormat || typed.UriFormat,
        Items = typed.Items is { } items && branch.Items is { } branchItems ? items with { UriFormat = items.UriFormat || branchItems.UriFormat } : typed.Items,
    };
}
