using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// Synchronous endpoints (<c>endpoint.call</c>, optional <c>output</c>): a flat body posted to the call path, a typed
/// result read from Kie's data, and every misplaced or malformed member reported at its line and column.
/// </summary>
public class SynchronousCallTests
{
    private const string Header = "{\n  \"model\": \"acme/voice\",\n  \"family\": \"market\",\n  \"category\": \"audio\",\n  \"result\": \"object\",\n";

    /// <summary>A file with <paramref name="extra"/> lines from line 6, then a one-parameter input.</summary>
    private static string File(string extra) =>
        Header + extra + "  \"input\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"maxLength\": 10}}, \"required\": [\"name\"]}\n}\n";

    private const string Call = "  \"endpoint\": {\"call\": \"/api/v1/acme/voice\"},\n";

    private static readonly (string, string) Voice = ("voice.kie.json", File(Call +
        "  \"output\": {\"type\": \"object\", \"properties\": {\"voiceId\": {\"type\": \"string\"}, \"name\": {\"type\": \"string\"}, \"credits\": {\"type\": \"number\"}}, \"required\": [\"voiceId\"]},\n"));

    private static readonly (string, string) Raw = ("raw.kie.json", File(Call).Replace("acme/voice", "acme/raw", StringComparison.Ordinal));

    private static Diagnostic Single(string text)
    {
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        Assert.Empty(result.Sources);
        return Assert.Single(result.GeneratorDiagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((id, "schemas/test.kie.json", line, column, DiagnosticSeverity.Error),
            (diagnostic.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Severity));
    }

    [Fact]
    public void A_call_is_posted_flat_read_back_and_answered_with_its_typed_result()
    {
        var output = Scenario.Run(new[] { Voice }, """"
            using Consumer.Kie.Audio;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    var request = AcmeVoiceRequest.CreateBuilder().WithName("Narrator").Build();
                    var info = request.ModelInfo;
                    yield return info.CallPath + " " + info.IsSynchronous + " [" + info.CreatePath + info.StatusPath + info.CallbackField + "]";
                    var body = request.ToJsonBody();
                    yield return Encoding.UTF8.GetString(body);
                    using var document = JsonDocument.Parse(body);
                    yield return KieCatalogEntry.For<AcmeVoiceRequest>().TryParseBody(document.RootElement, out var read, out _) ? ((AcmeVoiceRequest)read!).Name : "refused";
                    var refusal = "sent";
                    try { request.ToJsonBody("https://example.com/cb"); } catch (ArgumentException e) { refusal = e.Message.Split(':')[0]; }
                    yield return refusal;

                    IKieCallRequest<AcmeVoiceResult> call = request;
                    using var data = JsonDocument.Parse("""{"voiceId":"v-1","name":"Narrator","credits":0.5,"extra":true}""");
                    yield return call.TryReadResult(data.RootElement, out var result, out var findings)
                        ? result!.VoiceId + " " + result.Name + " " + result.Credits + " " + result.AdditionalProperties!["extra"] + " " + string.Join("; ", findings.Select(f => f.Severity + " " + f.Path))
                        : "unread";
                    using var wrong = JsonDocument.Parse("""{"name":5}""");
                    yield return call.TryReadResult(wrong.RootElement, out _, out var errors) ? "read" : string.Join("; ", errors.Select(e => e.Path + " " + e.Keyword));
                    yield return string.Join(",", KieCatalogEntry.For<AcmeVoiceRequest>().Output.Select(m => m.WireName + ":" + m.Type));
                }
            }
            """");
        Assert.Equal(
            new[]
            {
                "/api/v1/acme/voice True []",
                """{"name":"Narrator"}""",
                "Narrator",
                "'acme/voice' is a synchronous call (/api/v1/acme/voice)",
                "v-1 Narrator 0.5 True Warning extra",
                "name type; voiceId required",
                "voiceId:String,name:String,credits:Number",
            },
            output);
    }

    [Fact]
    public void Without_an_output_the_result_is_Kies_data_as_it_came()
    {
        var output = Scenario.Run(new[] { Raw }, """"
            using Consumer.Kie.Audio;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    IKieCallRequest<JsonElement> call = new AcmeRawRequest { Name = "n" };
                    using var data = JsonDocument.Parse("""{"anything":[1,2]}""");
                    yield return call.TryReadResult(data.RootElement, out var result, out var errors) + " " + result.GetRawText() + " " + errors.Count;
                    yield return KieCatalogEntry.For<AcmeRawRequest>().Output.Count.ToString();
                }
            }
            """");
        Assert.Equal(new[] { """True {"anything":[1,2]} 0""", "0" }, output);
    }

    [Fact]
    public void Create_or_status_beside_call_is_KIE040_at_the_member()
    {
        var d = Single(File("  \"endpoint\": {\"call\": \"/api/v1/x\", \"create\": \"/api/v1/y\"},\n"));
        AssertAt(d, "KIE040", 6, 37);
        Assert.Contains("'endpoint.create' is set beside 'call'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v1/x")]
    [InlineData("/api/v1/x?y=1")]
    [InlineData("//evil.example/x")]
    public void A_call_path_that_is_not_a_path_of_the_Kie_address_is_KIE040_at_its_value(string path)
    {
        var d = Single(File("  \"endpoint\": {\"call\": \"" + path + "\"},\n"));
        AssertAt(d, "KIE040", 6, 24);
        Assert.Contains("a path of the Kie address was expected", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_callback_on_a_call_is_KIE040()
    {
        AssertAt(Single(File(Call + "  \"callback\": {\"field\": \"cb\"},\n")), "KIE040", 7, 3);
    }

    [Fact]
    public void An_input_style_body_on_a_call_is_KIE040_at_its_value()
    {
        AssertAt(Single(File(Call + "  \"bodyStyle\": \"input\",\n")), "KIE040", 7, 16);
    }

    [Fact]
    public void An_output_without_a_call_is_KIE041_at_the_member()
    {
        var d = Single(File("  \"output\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}},\n"));
        AssertAt(d, "KIE041", 6, 3);
        Assert.Contains("no 'endpoint.call'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"string\"}")]
    [InlineData("{\"type\": \"object\"}")]
    [InlineData("[]")]
    public void An_output_that_is_not_an_object_schema_with_properties_is_KIE041_at_its_value(string output)
    {
        var d = Single(File(Call + "  \"output\": " + output + ",\n"));
        AssertAt(d, "KIE041", 7, 13);
        Assert.Contains("leave 'output' out to read data as a JsonElement", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_inside_the_output_is_reported_like_one_in_the_input()
    {
        var d = Single(File(Call + "  \"output\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"maxLenght\": 3}}},\n"));
        AssertAt(d, "KIE002", 7, 71);
        Assert.Contains("did you mean 'maxLength'?", d.GetMessage(), StringComparison.Ordinal);
    }
}
