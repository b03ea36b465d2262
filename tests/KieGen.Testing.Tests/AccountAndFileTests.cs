using System.Net.Http.Headers;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class AccountAndFileTests
{
    [Fact]
    public async Task Credits_are_an_integer_balance_decremented_per_task()
    {
        await using var kie = await Kie.StartAsync(o => o.CreditsPerTask = 7);
        Assert.Equal(1000, (await kie.GetAsync("/api/v1/chat/credit")).Body.GetProperty("data").GetInt32());
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        await kie.CreateAsync("/api/v1/veo/generate", """{"prompt":"p"}""");
        Assert.Equal(986, (await kie.GetAsync("/api/v1/chat/credit")).Body.GetProperty("data").GetInt32());
    }

    [Fact]
    public async Task Without_enough_credits_a_create_is_refused_with_402_and_no_task()
    {
        await using var kie = await Kie.StartAsync(o => o.ApiKeys[FakeKieOptions.DefaultApiKey] = 0);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling);
        Assert.Equal((HttpStatusCode.OK, 402), (status, body.GetProperty("code").GetInt32())); // errors as HTTP 200, as Kie answers
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task Keys_added_with_AddApiKey_are_distinct_accepted_and_hold_their_own_credits()
    {
        string first = "", second = "";
        await using var kie = await Kie.StartAsync(o => (first, second) = (o.AddApiKey(3), o.AddApiKey(5)));
        Assert.NotEqual(first, second);
        Assert.Matches("^key-[0-9a-f]{32}$", first);
        foreach (var (key, credits) in new[] { (first, 3), (second, 5) })
        {
            var (status, body) = await kie.GetAsync("/api/v1/chat/credit", Kie.Client(kie.Server.BaseAddress, key));
            Assert.Equal((HttpStatusCode.OK, credits), (status, body.GetProperty("data").GetInt32()));
        }
    }

    [Fact]
    public async Task Result_files_are_real_media_served_with_ranges_until_they_expire()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", """{"model":"nano-banana-2","input":{"prompt":"p"}}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(1));
        var url = kie.Server.FindTask(taskId)!.ResultUrls[0];

        var png = await kie.Http.GetByteArrayAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(8, 15);
        using var partial = await kie.Http.SendAsync(ranged, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(png[8..16], await partial.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        kie.Clock.Advance(FakeKieServer.Retention);
        using var expired = await kie.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);

        // A fresh link from common/download-url works for 20 minutes.
        var link = (await kie.PostAsync("/api/v1/common/download-url", JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url })))
            .Body.GetProperty("data").GetString()!;
        Assert.Equal(png, await kie.Http.GetByteArrayAsync(link, TestContext.Current.CancellationToken));
        kie.Clock.Advance(FakeKieServer.DownloadLinkLifetime + TimeSpan.FromSeconds(1));
        using var stale = await kie.Http.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
    }

    [Theory]
    [InlineData("kling-2.6/image-to-video", """{"prompt":"p","image_urls":["https://e.com/a.png"],"sound":false,"duration":"5"}""", new byte[] { 0, 0, 0, 32, (byte)'f', (byte)'t', (byte)'y', (byte)'p' })]
    [InlineData("elevenlabs/text-to-speech-turbo-2-5", """{"text":"hello"}""", new byte[] { 0xFF, 0xFB })]
    public async Task Video_and_audio_results_are_mp4_and_mp3(string model, string input, byte[] signature)
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", $$"""{"model":"{{model}}","input":{{input}}}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        var bytes = await kie.Http.GetByteArrayAsync(kie.Server.FindTask(taskId)!.ResultUrls[0], TestContext.Current.CancellationToken);
        Assert.Equal(signature, bytes[..signature.Length]);
    }

    [Fact]
    public async Task Download_url_refuses_urls_that_are_not_kie_files()
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync("/api/v1/common/download-url", """{"url":"https://example.com/x.png"}""");
        Assert.Equal((HttpStatusCode.OK, 422, "url is wrong"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Uploads_by_base64_url_and_stream_live_on_the_upload_address_and_download_back()
    {
        await using var kie = await Kie.StartAsync();
        var bytes = Encoding.UTF8.GetBytes("hello upload");

        var (status, body) = await kie.PostAsync("/api/file-base64-upload",
            $$"""{"base64Data":"data:text/plain;base64,{{Convert.ToBase64String(bytes)}}","uploadPath":"tests","fileName":"a.txt"}""", kie.Upload);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        var data = body.GetProperty("data");
        Assert.Equal(("a.txt", "tests/a.txt", "text/plain", 12), (data.GetProperty("fileName").GetString(), data.GetProperty("filePath").GetString(), data.GetProperty("mimeType").GetString(), data.GetProperty("fileSize").GetInt32()));
        var first = data.GetProperty("downloadUrl").GetString()!;
        Assert.StartsWith(kie.Server.UploadBaseAddress.ToString(), first);
        Assert.Equal(bytes, await kie.Http.GetByteArrayAsync(first, TestContext.Current.CancellationToken));

        (_, body) = await kie.PostAsync("/api/file-url-upload", $$"""{"fileUrl":"{{first}}","uploadPath":"copies"}""", kie.Upload);
        Assert.Equal(bytes, await kie.Http.GetByteArrayAsync(body.GetProperty("data").GetProperty("downloadUrl").GetString(), TestContext.Current.CancellationToken));

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "b.png" },
            { new StringContent("streams"), "uploadPath" },
        };
        using var response = await kie.Upload.PostAsync("/api/file-stream-upload", form, TestContext.Current.CancellationToken);
        var streamed = (await Kie.ReadAsync(response)).GetProperty("data");
        Assert.Equal(("streams/b.png", "image/png"), (streamed.GetProperty("filePath").GetString(), streamed.GetProperty("mimeType").GetString()));
        Assert.Equal(bytes, await kie.Http.GetByteArrayAsync(streamed.GetProperty("downloadUrl").GetString(), TestContext.Current.CancellationToken));

        // Upload paths are not served on the API address: api.kie.ai's web server answers HTTP 404 with its own page.
        var (missing, page) = await kie.PostAsync("/api/file-base64-upload", "{}");
        Assert.Equal((HttpStatusCode.NotFound, 404, "/api/file-base64-upload"), (missing, page.GetProperty("status").GetInt32(), page.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("""{"base64Data":"aGk=","fileName":"a.txt"}""", "Missing required parameter: uploadPath")]
    [InlineData("""{"base64Data":"not base64!","uploadPath":"x"}""", "Base64 decoding failed: Invalid Base64 format")]
    public async Task Bad_uploads_are_answered_in_the_upload_envelope(string json, string message)
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync("/api/file-base64-upload", json, kie.Upload);
        Assert.Equal(HttpStatusCode.OK, status); // Kie's upload host answers its errors with HTTP 200 too
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal((400, message), (body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
    }
}
