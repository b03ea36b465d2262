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
}
