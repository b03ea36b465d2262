// Compiled only with -p:KieGenBad=true: a constant prompt over the catalog model's limit must fail the build.
using KieGen.Models.Video;

internal static class Bad
{
    private const string Prompt = "A prompt that goes on and on. ";

    public static Kling2_6ImageToVideoRequest Request() => new()
    {
        Prompt = Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt
            + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt
            + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt + Prompt
            + Prompt + Prompt + Prompt + Prompt,
        ImageUrls = ["https://example.com/a.png"],
        Sound = false,
        Duration = Kling2_6ImageToVideoDuration.Seconds5,
    };
}
