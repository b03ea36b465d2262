using KieGen.Generator.Tests.Infrastructure;
using KieGen.Requests;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary><c>x-kie-role</c>: validated at the token, and exposed with each parameter on the generated type.</summary>
public class RoleTests
{
    private const string Header = "{\n  \"model\": \"test/model\",\n  \"family\": \"market\",\n  \"category\": \"image\",\n  \"result\": \"image\",\n";

    private static string Model(string properties) =>
        Header + "  \"input\": {\n    \"type\": \"object\",\n    \"properties\": {\n" + properties + "\n    }\n  }\n}\n";

    private static Diagnostic Single(string text)
    {
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        Assert.Empty(result.Sources);
        return Assert.Single(result.GeneratorDiagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("schemas/test.kie.json", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void Unknown_role_is_reported_at_its_value_with_a_suggestion()
    {
        var d = Single(Model("      \"prompt\": { \"type\": \"string\", \"x-kie-role\": \"promt\" }"));
        AssertAt(d, "KIE023", 9, 51);
        Assert.Contains("did you mean 'prompt'?", d.GetMessage());
        Assert.Contains("aspect-ratio", d.GetMessage());
    }

    [Fact]
    public void Role_of_the_wrong_type_is_reported()
    {
        AssertAt(Single(Model("      \"prompt\": { \"type\": \"string\", \"x-kie-role\": 1 }")), "KIE003", 9, 51);
    }

    [Fact]
    public void Two_parameters_with_one_role_are_reported_at_the_second()
    {
        var d = Single(Model(
            "      \"prompt\": { \"type\": \"string\", \"x-kie-role\": \"prompt\" },\n" +
            "      \"text\": { \"type\": \"string\", \"x-kie-role\": \"prompt\" }"));
        AssertAt(d, "KIE024", 10, 49);
        Assert.Contains("'text'", d.GetMessage());
        Assert.Contains("'prompt'", d.GetMessage());
    }

    [Fact]
    public void Generated_type_lists_parameters_with_roles_types_and_enum_values()
    {
        var result = GeneratorHarness.Run(("schemas/test.kie.json", Model(
            "      \"prompt\": { \"type\": \"string\", \"x-kie-role\": \"prompt\" },\n" +
            "      \"image_urls\": { \"type\": \"array\", \"items\": { \"type\": \"string\" }, \"x-kie-role\": \"image-input\" },\n" +
            "      \"aspect_ratio\": { \"type\": \"string\", \"enum\": [\"1:1\", \"16:9\"], \"x-kie-role\": \"aspect-ratio\" },\n" +
            "      \"steps\": { \"type\": \"integer\" }")));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileProblems());
        var assembly = GeneratorHarness.Load(result.Output);
        var type = assembly.GetTypes().Single(t => t.Name == "TestModelRequest");
        var parameters = (IReadOnlyList<KieParameterInfo>)type.GetProperty("KieParameters")!.GetValue(null)!;

        Assert.Equal(["prompt", "image_urls", "aspect_ratio", "steps"], parameters.Select(p => p.WireName));
        Assert.Equal([KieParameterRoles.Prompt, KieParameterRoles.ImageInput, KieParameterRoles.AspectRatio, null], parameters.Select(p => p.Role));
        Assert.Equal(KieParameterType.Array, parameters[1].Type);
        Assert.Equal(KieParameterType.String, parameters[1].ItemType);
        Assert.Equal(["1:1", "16:9"], parameters[2].EnumValues);
        Assert.Equal(KieParameterType.Integer, parameters[3].Type);
    }

    [Fact]
    public void Catalog_entries_expose_the_roles_of_the_catalog_files()
    {
        var entry = KieGen.Models.KieGenCatalog.Models["z-image"];
        Assert.Equal("prompt", entry.FindRole(KieParameterRoles.Prompt)!.WireName);
        Assert.Equal("aspect_ratio", entry.FindRole(KieParameterRoles.AspectRatio)!.WireName);
        Assert.Contains("16:9", entry.FindRole(KieParameterRoles.AspectRatio)!.EnumValues);
        Assert.Null(entry.FindRole(KieParameterRoles.Voice));
    }
}
