using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

public class AccountAndFileTests
{
    [Fact]
    public async Task Credits_are_read_as_a_number()
    {
        await using var h = await Harness.StartAsync();
        Assert.Equal(10_000m, await h.Client.GetCreditsAsync(TestContext.Current.CancellationToken));
        await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(9_999m, await h.Client.GetCreditsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Results_save_to_files_and_expired_links_are_refreshed()
    {
        await using var h = await Harness.StartAsync();
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        var directory = Path.Combine(Path.GetTempPath(), "kiegen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = await h.Client.SaveAsync(result, directory, TestContext.Current.CancellationToken);
            var video = File.ReadAllBytes(Assert.Single(paths));
            Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
            Assert.EndsWith(".mp4", paths[0]);

            // Past the 14 days, the file link is gone; the client asks common/download-url for a fresh one.
            h.Clock.Advance(TimeSpan.FromDays(15));
            using var stream = new MemoryStream();
            await h.Client.DownloadAsync(result.Urls[0], stream, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(video, stream.ToArray());
            Assert.Contains(h.Server.Requests, r => r.Path == "/api/v1/common/download-url");
            Assert.Empty(Directory.GetFiles(directory, "*.partial"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_key_is_never_sent_to_file_hosts()
    {
        await using var h = await Harness.StartAsync();
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        using var sink = new MemoryStream();
        await h.Client.DownloadAsync(result.Urls[0], sink, cancellationToken: TestContext.Current.CancellationToken);
        var download = Assert.Single(h.Server.Requests, r => r.Path.StartsWith("/files/", StringComparison.Ordinal));
        Assert.Null(download.ApiKey);
    }

    [Fact]
    public async Task Uploads_by_bytes_stream_and_url_return_usable_urls()
    {
        await using var h = await Harness.StartAsync();
        var bytes = Encoding.UTF8.GetBytes("an image, say");
        var first = await h.Client.UploadAsync(bytes, "a.png", "/inputs/", TestContext.Current.CancellationToken);
        Assert.Equal(("a.png", "inputs/a.png", 13L), (first.FileName, first.FilePath, first.Size));

        using var stream = new MemoryStream(bytes);
        var second = await h.Client.UploadAsync(stream, "b.png", "inputs", "image/png", TestContext.Current.CancellationToken);
        var third = await h.Client.UploadFromUrlAsync(second.DownloadUrl, "copies", "c.png", TestContext.Current.CancellationToken);

        foreach (var file in new[] { first, second, third })
        {
            using var sink = new MemoryStream();
            await h.Client.DownloadAsync(file.DownloadUrl, sink, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(bytes, sink.ToArray());
        }

        Assert.All(h.Server.Requests.Where(r => r.Path.StartsWith("/api/file-", StringComparison.Ordinal)), r => Assert.True(r.IsUpload));
    }

    [Fact]
    public async Task A_bad_upload_is_an_error_with_kies_message()
    {
        await using var h = await Harness.StartAsync();
        var error = await Assert.ThrowsAsync<KieApiException>(() => h.Client.UploadFromUrlAsync(new Uri("http://127.0.0.1:9/missing.png"), "x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(400, error.Code);
        Assert.StartsWith("Failed to download file from URL", error.KieMessage);
    }
}
