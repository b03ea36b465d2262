using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>Mistakes in the issue-12 format additions, reported by id at the exact line and column.</summary>
public class FormatDiagnosticTests
{
    private const string Path = "schemas/format.kie.json";

    /// <summary>Lines 1-5 are the header; <paramref name="extra"/> starts on line 6; input follows.</summary>
    private static string File(string extra, string input = "{\"type\": \"object\", \"properties\": {\"prompt\": {\"type\": \"string\"}}}") =>
        "{\n  \"model\": \"test/format\",\n  \"family\": \"market\",\n  \"category\": \"image\",\n  \"result\": \"image\",\n" + extra + "  \"input\": " + input + "\n}\n";

    private static IReadOnlyList<Diagnostic> All(string text)
    {
        var result = GeneratorHarness.Run((Path, text));
        Assert.Empty(result.Sources); // a file with errors produces no output
        return result.GeneratorDiagnostics;
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((id, Path, line, column), (diagnostic.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Deprecated_without_a_reason_is_reported()
    {
        var d = Assert.Single(All(File("  \"deprecated\": {\"replacedBy\": \"test/new\"},\n")));
        AssertAt(d, "KIE012", 6, 17);
        Assert.Contains("deprecated.reason", d.GetMessage());
    }

    [Fact]
    public void Deprecated_of_the_wrong_type_is_reported()
    {
        AssertAt(Assert.Single(All(File("  \"deprecated\": true,\n"))), "KIE003", 6, 17);
    }

    [Fact]
    public void Deprecated_model_replacing_itself_is_reported()
    {
        var d = Assert.Single(All(File("  \"deprecated\": {\"reason\": \"r\", \"replacedBy\": \"test/format\"},\n")));
        AssertAt(d, "KIE013", 6, 47);
        Assert.Contains("cannot replace itself", d.GetMessage());
    }

    [Fact]
    public void Misspelled_deprecated_member_suggests_the_right_one()
    {
        var d = Assert.Single(All(File("  \"deprecated\": {\"reason\": \"r\", \"replacedby\": \"x\"},\n")));
        AssertAt(d, "KIE002", 6, 33);
        Assert.Contains("did you mean 'replacedBy'?", d.GetMessage());
    }

    [Theory]
    [InlineData("callBackUrl", "the callback URL field")]
    [InlineData("model", "already has")]
    [InlineData("input", "already has")]
    public void Top_level_field_named_like_the_body_own_members_is_reported(string name, string reason)
    {
        var d = Assert.Single(All(File("  \"topLevel\": {\"properties\": {\"" + name + "\": {\"type\": \"string\"}}},\n")));
        AssertAt(d, "KIE018", 6, 31);
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void Top_level_field_with_the_C_sharp_name_of_a_parameter_is_reported()
    {
        var d = Assert.Single(All(File("  \"topLevel\": {\"properties\": {\"Prompt\": {\"type\": \"string\"}}},\n")));
        AssertAt(d, "KIE010", 6, 31);
        Assert.Contains("'Prompt' and the parameter 'prompt' both become the C# property 'Prompt'", d.GetMessage());
    }

    [Fact]
    public void Top_level_fields_on_a_flat_body_are_reported()
    {
        var text = "{\n  \"model\": \"test/flat\",\n  \"family\": \"veo\",\n  \"category\": \"video\",\n  \"result\": \"video\",\n" +
                   "  \"topLevel\": {\"properties\": {\"x\": {\"type\": \"string\"}}},\n  \"endpoint\": {\"create\": \"/a\", \"status\": \"/b\"},\n  \"input\": {\"type\": \"object\"}\n}\n";
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE013", 6, 3);
        Assert.Contains("flat body has no 'input'", d.GetMessage());
    }

    [Fact]
    public void Top_level_without_properties_and_with_an_unknown_member_is_reported()
    {
        var diagnostics = All(File("  \"topLevel\": {\"propertys\": {}},\n"));
        Assert.Equal(new[] { "KIE002", "KIE012" }, diagnostics.Select(d => d.Id));
        AssertAt(diagnostics[0], "KIE002", 6, 16);
        AssertAt(diagnostics[1], "KIE012", 6, 15);
    }

    [Fact]
    public void Top_level_required_naming_an_undeclared_field_is_reported()
    {
        AssertAt(Assert.Single(All(File("  \"topLevel\": {\"properties\": {}, \"required\": [\"x\"]},\n"))), "KIE015", 6, 47);
    }

    /// <summary>1-based line and column of the <paramref name="occurrence"/>-th <paramref name="marker"/> in <paramref name="text"/>.</summary>
    private static (int Line, int Column) At(string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
        }

        var before = text.Substring(0, index);
        return (before.Count(c => c == '\n') + 1, index - before.LastIndexOf('\n'));
    }

    private static void AssertAt(Diagnostic diagnostic, string id, (int Line, int Column) at) => AssertAt(diagnostic, id, at.Line, at.Column);

    private static string Input(string properties, string extra = "") =>
        "{\"type\": \"object\", \"properties\": {" + properties + "}" + extra + "}";

    [Fact]
    public void Reference_to_a_missing_definition_is_reported_at_the_reference()
    {
        var text = File("", Input("\"p\": {\"$ref\": \"#/$defs/missing\"}"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE019", At(text, "\"#/$defs/missing\""));
        Assert.Contains("names no definition", d.GetMessage());
    }

    [Fact]
    public void Reference_outside_the_definitions_is_reported_as_unsupported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}, \"q\": {\"$ref\": \"#/properties/p\"}"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE019", At(text, "\"#/properties/p\""));
        Assert.Contains("only \"#/$defs/<name>\"", d.GetMessage());
    }

    [Fact]
    public void Reference_cycle_is_reported_with_its_chain()
    {
        var text = File("  \"$defs\": {\"a\": {\"type\": \"object\", \"properties\": {\"b\": {\"$ref\": \"#/$defs/b\"}}}, \"b\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/a\"}}},\n",
            Input("\"tree\": {\"$ref\": \"#/$defs/a\"}"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE020", At(text, "\"#/$defs/a\""));
        Assert.Contains("#/$defs/a -> #/$defs/b -> #/$defs/a", d.GetMessage());
    }

    [Fact]
    public void Definition_in_both_places_is_reported()
    {
        var text = File("  \"$defs\": {\"s\": {\"type\": \"string\"}},\n", Input("\"p\": {\"$ref\": \"#/$defs/s\"}", ", \"$defs\": {\"s\": {\"type\": \"integer\"}}"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE013", At(text, "\"s\"", 2));
    }

    [Fact]
    public void Empty_oneOf_is_reported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}", ", \"oneOf\": []"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE021", At(text, "[]"));
        Assert.Contains("'oneOf' must list at least one schema", d.GetMessage());
    }

    [Fact]
    public void AnyOf_that_is_not_an_array_is_reported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}", ", \"anyOf\": {\"required\": [\"p\"]}"));
        AssertAt(Assert.Single(All(text)), "KIE003", At(text, "{\"required\""));
    }

    [Fact]
    public void AllOf_parts_that_disagree_on_a_type_are_reported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}", ", \"allOf\": [{\"properties\": {\"n\": {\"type\": \"string\"}}}, {\"properties\": {\"n\": {\"type\": \"integer\"}}}]"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE022", At(text, "\"n\"", 2));
        Assert.Contains("'n'", d.GetMessage());
    }

    [Fact]
    public void AllOf_part_that_retypes_a_declared_property_is_reported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}", ", \"allOf\": [{\"properties\": {\"p\": {\"type\": \"boolean\"}}}]"));
        AssertAt(Assert.Single(All(text)), "KIE022", At(text, "\"p\"", 2));
    }

    [Fact]
    public void Type_list_with_a_repeat_is_reported()
    {
        var text = File("", Input("\"p\": {\"type\": [\"string\", \"null\", \"string\"]}"));
        AssertAt(Assert.Single(All(text)), "KIE013", At(text, "\"string\"", 2));
    }

    [Fact]
    public void Nullable_parameters_object_is_reported()
    {
        var text = File("", "{\"type\": [\"object\", \"null\"]}");
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE004", At(text, "[\"object\""));
        Assert.Contains("for 'input'", d.GetMessage());
    }

    [Fact]
    public void Mistake_inside_an_unused_definition_is_still_reported()
    {
        var text = File("  \"definitions\": {\"unused\": {\"type\": \"string\", \"maxLenght\": 3}},\n");
        AssertAt(Assert.Single(All(text)), "KIE002", At(text, "\"maxLenght\""));
    }

    [Fact]
    public void Branch_requiring_a_field_no_branch_declares_is_reported()
    {
        var text = File("", Input("\"p\": {\"type\": \"string\"}", ", \"oneOf\": [{\"properties\": {\"task_id\": {\"type\": \"string\"}}, \"required\": [\"taskid\"]}, {\"required\": [\"p\"]}]"));
        var d = Assert.Single(All(text));
        AssertAt(d, "KIE015", At(text, "\"taskid\""));
        Assert.Contains("'taskid'", d.GetMessage());
    }
}
