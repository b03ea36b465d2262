// The veo3.1/* types are deprecated (Kie moved Veo to veo-3-1 on its unified job API) but stay for one release;
// these exercise them on purpose, so the obsolete warning is expected here.
#pragma warning disable CS0618
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KieGen.Models.Video;
using KieGen.Requests;
using KieGen.Validation;

namespace KieGen.Generator.Tests;

/// <summary>Behaviour of the request types generated for the catalog into this very project.</summary>
public class GeneratedRequestTests
{
    private static Kling2_6ImageToVideoRequest.Builder ValidKling() => Kling2_6ImageToVideoRequest.CreateBuilder()
        .WithPrompt("A lighthouse at dusk")
        .WithImageUrls("https://example.com/a.png")
        .WithSound(false)
        .WithDuration(Kling2_6ImageToVideoDuration.Seconds10);

    private static string Json(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    [Fact]
    public void Market_body_wraps_parameters_in_input_with_model_and_callback()
    {
        var body = Json(ValidKling().Build().ToJsonBody("https://example.com/cb"));
        Assert.Equal(
            """{"model":"kling-2.6/image-to-video","callBackUrl":"https://example.com/cb","input":{"prompt":"A lighthouse at dusk","image_urls":["https://example.com/a.png"],"sound":false,"duration":"10"}}""",
            body);
    }

    [Fact]
    public void Flat_family_body_puts_parameters_and_callback_at_the_top_level_and_omits_unset_optionals()
    {
        var veo = new Veo3_1GenerateRequest { Prompt = "p", AspectRatio = Veo3_1GenerateAspectRatio.Ratio16x9, Duration = Veo3_1GenerateDuration.Seconds6 };
        Assert.Equal("""{"prompt":"p","aspect_ratio":"16:9","duration":6,"callBackUrl":"https://x.test/cb"}""", Json(veo.ToJsonBody("https://x.test/cb")));
    }

    [Fact]
    public void Model_binding_carries_id_family_endpoints_and_result_kind()
    {
        var info = Veo3_1GenerateRequest.KieModel;
        Assert.Equal(("veo3.1/generate", KieApiFamily.Veo, KieResultKind.Video, KieBodyStyle.Flat), (info.ModelId, info.Family, info.ResultKind, info.BodyStyle));
        Assert.Equal(("/api/v1/veo/generate", "/api/v1/veo/record-info"), (info.CreatePath, info.StatusPath));
        Assert.Equal("/api/v1/jobs/createTask", Kling2_6ImageToVideoRequest.KieModel.CreatePath);
    }

    [Fact]
    public void Build_throws_one_exception_listing_every_violation_by_wire_name()
    {
        var e = Assert.Throws<KieValidationException>(() => Kling2_6ImageToVideoRequest.CreateBuilder()
            .WithPrompt(new string('x', 1001))
            .WithImageUrls("not a url", "https://example.com/b.png")
            .Build());

        Assert.Equal("kling-2.6/image-to-video", e.ModelId);
        Assert.Equal(
            new[] { "sound:required", "duration:required", "prompt:maxLength", "image_urls:maxItems", "image_urls[0]:format" },
            e.Errors.Select(x => x.Path + ":" + x.Keyword));
        Assert.Contains("prompt: must be at most 1000 characters long (was 1001)", e.Message);
    }

    [Fact]
    public void Validate_reports_without_throwing_and_is_empty_when_valid()
    {
        Assert.Empty(ValidKling().Build().Validate());
        var invalid = new Kling2_6ImageToVideoRequest { Prompt = null!, ImageUrls = [], Sound = true, Duration = (Kling2_6ImageToVideoDuration)42 };
        Assert.Equal(new[] { "prompt:required", "image_urls:minItems", "duration:enum" }, invalid.Validate().Select(x => x.Path + ":" + x.Keyword));
    }

    [Fact]
    public void Documented_example_parses_as_valid_and_serializes_back_to_equivalent_json()
    {
        // The request example of kling-2.6/image-to-video in the Kie reference (input object).
        const string example = """{"prompt":"In a bright rehearsal room, sunlight streams through the windows.","image_urls":["https://static.aiquickdraw.com/tools/example/1764851002741_i0lEiI8I.png"],"sound":false,"duration":"5"}""";
        Assert.True(Kling2_6ImageToVideoRequest.TryParse(Encoding.UTF8.GetBytes(example), out var request, out var errors), string.Join("; ", errors));
        Assert.Empty(errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example), JsonNode.Parse(request.ToJsonParameters())));
    }

    [Fact]
    public void TryParse_reports_every_problem_of_untrusted_json_with_its_path()
    {
        const string json = """{"prompt":42,"image_urls":["https://a.test/x.png","ftp:/"],"duration":"7","extra":true}""";
        Assert.False(Kling2_6ImageToVideoRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var errors));
        Assert.Null(request);
        Assert.Equal(
            new[] { "prompt:type", "image_urls[1]:format", "image_urls:maxItems", "duration:enum", "extra:undeclared", "sound:required" },
            errors.Select(x => x.Path + ":" + x.Keyword));
        // Kie ignores members it does not know: the undeclared one is the only warning, every other finding blocks.
        Assert.Equal(new[] { "extra" }, errors.Where(x => !x.IsError).Select(x => x.Path));
    }

    [Theory]
    [InlineData("{\"prompt\": ")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void TryParse_rejects_malformed_or_non_object_json(string json)
    {
        Assert.False(Veo3_1GenerateRequest.TryParse(Encoding.UTF8.GetBytes(json), out _, out var errors));
        Assert.Single(errors);
    }

    [Fact]
    public void Integer_enum_and_integral_float_are_read_as_json_schema_says()
    {
        Assert.True(Veo3_1GenerateRequest.TryParse("""{"prompt":"p","duration":8.0}"""u8, out var request, out _));
        Assert.Equal(Veo3_1GenerateDuration.Seconds8, request.Duration);
        Assert.False(Veo3_1GenerateRequest.TryParse("""{"prompt":"p","duration":5}"""u8, out _, out var errors));
        Assert.Equal("duration:enum", errors.Select(x => x.Path + ":" + x.Keyword).Single());
        Assert.True(Veo3_1ExtendRequest.TryParse("""{"taskId":"t","prompt":"p","seeds":10000.0}"""u8, out _, out _));
        Assert.False(Veo3_1ExtendRequest.TryParse("""{"taskId":"t","prompt":"p","seeds":9999.5}"""u8, out _, out errors));
        Assert.Equal("seeds:type", errors.Select(x => x.Path + ":" + x.Keyword).Single());
    }

    [Fact]
    public void Deprecated_parameter_is_obsolete_and_constraints_are_recorded_for_tools()
    {
        var deprecated = typeof(Veo3_1GenerateRequest).GetProperty("EnableFallback")!;
        Assert.NotNull(deprecated.GetCustomAttributes(typeof(ObsoleteAttribute), false).SingleOrDefault());

        var prompt = (KieParameterAttribute)typeof(Kling2_6ImageToVideoRequest).GetProperty("Prompt")!.GetCustomAttributes(typeof(KieParameterAttribute), false).Single();
        Assert.Equal(("prompt", 1000L), (prompt.WireName, prompt.MaxLength));
        var seeds = (KieParameterAttribute)typeof(Veo3_1ExtendRequest).GetProperty("Seeds")!.GetCustomAttributes(typeof(KieParameterAttribute), false).Single();
        Assert.Equal((10000d, 99999d), (seeds.Minimum, seeds.Maximum));
    }

    [Fact]
    public void Enum_members_carry_their_wire_values()
    {
        var field = typeof(Veo3_1GenerateAspectRatio).GetField(nameof(Veo3_1GenerateAspectRatio.Ratio9x16))!;
        Assert.Equal("9:16", ((KieEnumValueAttribute)field.GetCustomAttributes(typeof(KieEnumValueAttribute), false).Single()).WireValue);
    }

    [Fact]
    public void Request_types_implement_the_static_contract_the_runtime_submits_through()
    {
        static KieModelInfo Bind<T>() where T : class, IKieRequest<T> => T.KieModel;
        Assert.Equal("veo3.1/generate", Bind<Veo3_1GenerateRequest>().ModelId);
        Assert.True(Parse<Veo3_1GenerateRequest>("""{"prompt":"x"}"""));

        static bool Parse<T>(string json) where T : class, IKieRequest<T>
        {
            using var document = JsonDocument.Parse(json);
            return T.TryParse(document.RootElement, out _, out _);
        }
    }
}
