using KieGen.Models;

namespace KieGen.Catalog.Tests;

/// <summary>The catalog's oneOf models take exactly one of Kie's shapes, and say which when a body is wrong.</summary>
public class OneOfCatalogTests
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
        Assert.True(KieGenCatalog.Models[model].TryParse(document.RootElement, out _, out var errors), string.Join("\n", errors));
    }

    [Fact]
    public void Suno_separate_vocals_takes_an_existing_track_or_an_uploaded_file_and_mixing_them_names_both()
    {
        Accepts("ai-music-api/separate-vocals", """{"task_id":"t1","audio_id":"a1","stem_name":"Bass"}""");
        Accepts("ai-music-api/separate-vocals", """{"audio_url":"https://example.com/a.mp3","audio_id":"a1","stem_name":"Bass"}""");

        var error = Assert.Single(Errors("ai-music-api/separate-vocals", """{"task_id":"t1","audio_url":"https://example.com/a.mp3","audio_id":"a1","stem_name":"Bass"}"""));
        Assert.Contains("Separate using existing audio", error.Message, StringComparison.Ordinal);
        Assert.Contains("Separate using user-uploaded audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kling_reference_to_video_with_a_video_alone_takes_auto_only()
    {
        Accepts("kling-3.0-omni/reference-to-video", """{"prompt":"p","video_urls":["https://example.com/v.mp4"],"aspect_ratio":"auto","audio":true}""");
        Accepts("kling-3.0-omni/reference-to-video", """{"prompt":"p","image_urls":["https://example.com/a.png"],"aspect_ratio":"16:9"}""");

        var errors = Errors("kling-3.0-omni/reference-to-video", """{"prompt":"p","video_urls":["https://example.com/v.mp4"],"aspect_ratio":"16:9","audio":true}""");
        Assert.Contains(errors, e => e.Message.Contains("'Video Input Only'", StringComparison.Ordinal) && e.Message.Contains("aspect_ratio", StringComparison.Ordinal));
    }

    [Fact]
    public void Kling_image_to_video_tells_one_frame_from_first_and_last_frames()
    {
        Accepts("kling-3.0-omni/image-to-video", """{"prompt":"p","image_urls":["https://example.com/a.png"]}""");
        Accepts("kling-3.0-omni/image-to-video", """{"prompt":"p","image_urls":["https://example.com/a.png","https://example.com/b.png"]}""");
        Errors("kling-3.0-omni/image-to-video", """{"prompt":"p","image_urls":["https://example.com/a.png","https://example.com/b.png","https://example.com/c.png"]}""");
    }

    [Fact]
    public void Pixverse_extend_takes_a_task_or_a_video_never_both()
    {
        Accepts("pixverse-v6/extend", """{"prompt":"more waves","duration":5,"quality":"540p","taskId":"t1"}""");
        Errors("pixverse-v6/extend", """{"prompt":"more waves","duration":5,"quality":"540p","taskId":"t1","video_url":"https://example.com/v.mp4"}""");
        Errors("pixverse-v6/extend", """{"prompt":"more waves","duration":5,"quality":"540p"}""");
    }

    /// <summary>
    /// Kie's documented Kling 3.0 Omni reference-to-video examples (issue 24): a video with customize_multi_shots, and
    /// images with a video and multi_prompt. The branches are open (a member a branch does not list is allowed) and
    /// exclude each other by what they forbid: no video in "No Video Input", no images in "Video Input Only".
    /// </summary>
    [Theory]
    [InlineData("""{"prompt":"The cat from @video1 walks into the garden","video_urls":["https://example.com/v.mp4"],"aspect_ratio":"auto","audio":true,"customize_multi_shots":false}""")]
    [InlineData("""{"prompt":"@image1 meets @video1","image_urls":["https://example.com/a.png"],"video_urls":["https://example.com/v.mp4"],"aspect_ratio":"16:9","audio":false,"customize_multi_shots":true,"multi_prompt":[{"prompt":"shot one","duration":3},{"prompt":"shot two","duration":2}]}""")]
    public void Kling_reference_to_video_takes_Kies_documented_examples(string json)
    {
        Accepts("kling-3.0-omni/reference-to-video", json);
    }

    [Fact]
    public void Kling_reference_to_video_branches_still_exclude_each_other()
    {
        // Images and a video without audio: not "No Video Input" (video_urls is not allowed there), not "Video Input
        // Only" (image_urls is not allowed there), not "Video with Images" (audio is required there).
        var error = Assert.Single(Errors("kling-3.0-omni/reference-to-video", """{"prompt":"a cat","image_urls":["https://example.com/a.png"],"video_urls":["https://example.com/v.mp4"]}"""));
        Assert.Equal("oneOf", error.Keyword);
        Assert.Contains("matches none of its 3 alternatives", error.Message, StringComparison.Ordinal);

        var both = Assert.Single(Errors("grok-imagine-image-2-0/segment-map", """{"task_id":"t1","image_url":"https://example.com/a.png"}"""));
        Assert.Equal("oneOf", both.Keyword);
    }
}
