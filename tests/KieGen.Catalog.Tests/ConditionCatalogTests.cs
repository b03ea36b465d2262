using KieGen.Models;

namespace KieGen.Catalog.Tests;

/// <summary>
/// The catalog's conditional requirements (issue 24 item 1), each read from the model's own descriptions (the
/// evidence is in the file's description, from curation.json): a body that meets the condition is accepted, a body
/// that breaks it is refused naming the member and the condition, and a body the condition does not concern is left
/// alone.
/// </summary>
public class ConditionCatalogTests
{
    private static IReadOnlyList<KieGen.Validation.KieValidationError> Errors(string model, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(KieGenCatalog.Models[model].TryParse(document.RootElement, out _, out var errors), $"{model} accepted {json}");
        return errors;
    }

    private static void Accepts(string model, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(KieGenCatalog.Models[model].TryParse(document.RootElement, out var request, out var errors), string.Join("\n", errors));
        Assert.Empty(request.Validate());
    }

    private static void RefusesNaming(string model, string json, string member, string condition, string keyword = "required")
    {
        var errors = Errors(model, json);
        Assert.Contains(errors, e => e.Path == member && e.Keyword == keyword && e.Message.Contains(condition, StringComparison.Ordinal));
    }

    [Fact]
    public void Kling_3_video_needs_multi_prompt_in_multi_shot_mode_and_an_aspect_ratio_without_frames()
    {
        const string Model = "kling-3.0/video";
        const string Image = "\"image_urls\":[\"https://example.com/a.png\"]";
        Accepts(Model, "{\"prompt\":\"p\",\"sound\":false,\"duration\":\"5\",\"mode\":\"std\",\"multi_shots\":false," + Image + "}");
        Accepts(Model, "{\"prompt\":\"p\",\"sound\":true,\"duration\":\"5\",\"mode\":\"pro\",\"multi_shots\":true,\"multi_prompt\":[{\"prompt\":\"one\",\"duration\":2},{\"prompt\":\"two\",\"duration\":3}]," + Image + "}");
        Accepts(Model, "{\"prompt\":\"p\",\"sound\":false,\"duration\":\"5\",\"mode\":\"std\",\"multi_shots\":false,\"aspect_ratio\":\"16:9\"}");

        RefusesNaming(Model, "{\"prompt\":\"p\",\"sound\":true,\"duration\":\"5\",\"mode\":\"pro\",\"multi_shots\":true," + Image + "}",
            "multi_prompt", "when multi_shots is true");
        RefusesNaming(Model, "{\"prompt\":\"p\",\"sound\":false,\"duration\":\"5\",\"mode\":\"std\",\"multi_shots\":false}",
            "aspect_ratio", "unless image_urls is present");
    }

    [Theory]
    [InlineData("ai-music-api/mashup", """{"upload_url_list":["https://example.com/a.mp3","https://example.com/b.mp3"],"model":"V6"}""")]
    [InlineData("ai-music-api/generate", """{"instrumental":true,"model":"V6"}""")]
    [InlineData("ai-music-api/upload-and-cover-audio", """{"upload_url":"https://example.com/a.mp3","instrumental":true,"model":"V6"}""")]
    public void Suno_custom_mode_needs_style_and_title(string model, string shared)
    {
        var body = shared.TrimEnd('}');
        Accepts(model, body + ",\"custom_mode\":false}");
        Accepts(model, body + ",\"custom_mode\":true,\"style\":\"Jazz\",\"title\":\"Night\"}");

        RefusesNaming(model, body + ",\"custom_mode\":true,\"title\":\"Night\"}", "style", "when custom_mode is true");
        RefusesNaming(model, body + ",\"custom_mode\":true,\"style\":\"Jazz\"}", "title", "when custom_mode is true");
    }

    [Fact]
    public void Suno_upload_and_extend_with_its_own_parameters_needs_continue_at_style_and_title()
    {
        const string Model = "ai-music-api/upload-and-extend-audio";
        const string Shared = "\"upload_url\":\"https://example.com/a.mp3\",\"model\":\"V6\"";
        Accepts(Model, "{" + Shared + ",\"default_param_flag\":false}");
        Accepts(Model, "{" + Shared + ",\"default_param_flag\":true,\"continue_at\":30,\"style\":\"Jazz\",\"title\":\"Night\"}");

        var errors = Errors(Model, "{" + Shared + ",\"default_param_flag\":true}");
        Assert.Equal(
            new[] { "continue_at", "style", "title" },
            errors.Where(e => e.Keyword == "required" && e.Message.Contains("when default_param_flag is true", StringComparison.Ordinal)).Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Suno_extend_with_its_own_parameters_needs_continue_at_style_title_and_a_prompt_unless_instrumental()
    {
        const string Model = "ai-music-api/extend";
        const string Shared = "\"audio_id\":\"a1\",\"model\":\"V6\"";
        const string Custom = ",\"default_param_flag\":true,\"continue_at\":30,\"style\":\"Jazz\",\"title\":\"Night\"";
        Accepts(Model, "{" + Shared + ",\"default_param_flag\":false}");
        Accepts(Model, "{" + Shared + Custom + ",\"prompt\":\"a calm bridge\"}");
        Accepts(Model, "{" + Shared + Custom + ",\"instrumental\":true}");

        var errors = Errors(Model, "{" + Shared + ",\"default_param_flag\":true}");
        Assert.Equal(
            new[] { "continue_at", "prompt", "style", "title" },
            errors.Where(e => e.Keyword == "required").Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(Errors(Model, "{" + Shared + Custom + "}"),
            e => e.Path == "prompt" && e.Keyword == "required" && e.Message == "is required unless instrumental is true when default_param_flag is true");
        Assert.Contains(Errors(Model, "{" + Shared + Custom + ",\"instrumental\":false}"), e => e.Path == "prompt" && e.Keyword == "required");
    }

    [Fact]
    public void Suno_separate_vocals_needs_a_stem_for_advanced_stem_splitting_only()
    {
        const string Model = "ai-music-api/separate-vocals";
        Accepts(Model, """{"task_id":"t1","audio_id":"a1","type":"separate_vocal"}""");
        Accepts(Model, """{"task_id":"t1","audio_id":"a1"}""");
        Accepts(Model, """{"task_id":"t1","audio_id":"a1","type":"split_stem_advanced","stem_name":"Bass"}""");

        RefusesNaming(Model, """{"task_id":"t1","audio_id":"a1","type":"split_stem_advanced"}""", "stem_name", "when type is \"split_stem_advanced\"");
    }

    [Fact]
    public void Grok_image_to_video_takes_an_index_only_with_a_task_id()
    {
        const string Model = "grok-imagine/image-to-video";
        Accepts(Model, """{"task_id":"t1","index":2,"prompt":"p"}""");
        Accepts(Model, """{"image_urls":["https://example.com/a.png"],"prompt":"p"}""");

        RefusesNaming(Model, """{"image_urls":["https://example.com/a.png"],"index":2,"prompt":"p"}""", "task_id", "is required when 'index' is present", "dependentRequired");
    }

    [Fact]
    public void Seedance_2_5_takes_a_last_frame_only_with_a_first_frame()
    {
        const string Model = "bytedance/seedance-2-5";
        Accepts(Model, """{"prompt":"p","first_frame_url":"https://example.com/a.png","last_frame_url":"https://example.com/b.png"}""");
        Accepts(Model, """{"prompt":"p","first_frame_url":"https://example.com/a.png"}""");

        RefusesNaming(Model, """{"prompt":"p","last_frame_url":"https://example.com/b.png"}""", "first_frame_url", "is required when 'last_frame_url' is present", "dependentRequired");
    }
}
