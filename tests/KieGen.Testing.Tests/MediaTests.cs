using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>The fake server's result files are real media: a real decoder reads every frame of each without errors.</summary>
public class MediaTests
{
    [Theory]
    [InlineData("/api/v1/jobs/createTask", """{"model":"nano-banana-2","input":{"prompt":"p"}}""", "png,320,180,1")]
    [InlineData("/api/v1/jobs/createTask", """{"model":"kling-2.6/image-to-video","input":{"prompt":"p","image_urls":["https://e.com/a.png"],"sound":false,"duration":"5"}}""", "h264,160,90,10")]
    [InlineData("/api/v1/jobs/createTask", """{"model":"elevenlabs/text-to-speech-turbo-2-5","input":{"text":"hello"}}""", "mp3,")]
    [InlineData("/api/v1/wav/generate", """{"taskId":"t","audioId":"a"}""", "pcm_u8,")]
    public async Task Result_files_decode_without_errors(string createPath, string body, string expectedStream)
    {
        if (Ffprobe.Path is null)
        {
            Assert.Skip(Ffprobe.MissingReason);
        }

        await using var kie = await Kie.StartAsync();
        if (body.Contains("\"taskId\":\"t\"", StringComparison.Ordinal))
        {
            // A Suno follow-up needs a parent the key knows (Kie: 422 "Record does not exist" otherwise).
            kie.Server.AddTask("t", "/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""", FakeTaskState.Success);
        }

        var taskId = await kie.CreateAsync(createPath, body);
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        var url = kie.Server.FindTask(taskId)!.ResultUrls[0];
        var file = Path.Combine(Path.GetTempPath(), "kiegen-media-" + Guid.NewGuid().ToString("N") + Path.GetExtension(new Uri(url).AbsolutePath));
        try
        {
            await File.WriteAllBytesAsync(file, await kie.Http.GetByteArrayAsync(url, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var (exitCode, stream, errors) = await Ffprobe.DecodeAsync(file);
            Assert.True(exitCode == 0 && errors.Length == 0, $"ffprobe exit {exitCode}: {errors}");
            Assert.StartsWith(expectedStream, stream, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
