using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

/// <summary>Downloads land only in the folder asked for, under safe names, whole or not at all.</summary>
public sealed class SafeFileTests : IAsyncLifetime
{
    private Harness _h = null!;
    private FakeFileHost _files = null!;
    private string _parent = null!;
    private string _target = null!;

    public static TheoryData<string> HostileIds => new()
    {
        "../escaped",
        "../../../../tmp/escaped",
        "/etc/escaped",
        "%2e%2e%2fescaped",
        "..\\..\\escaped",
        "a/../../escaped",
        "CON",
        "NUL.txt",
        "..",
        ".",
        "",
        new string('x', 600),
        "task\0id",
        "C:\\Windows\\escaped",
    };

    public async ValueTask InitializeAsync()
    {
        _h = await Harness.StartAsync();
        _files = await FakeFileHost.StartAsync(TestContext.Current.CancellationToken);
        _parent = Path.Combine(Path.GetTempPath(), "kiegen-" + Guid.NewGuid().ToString("N"));
        _target = Path.Combine(_parent, "target");
    }

    public async ValueTask DisposeAsync()
    {
        await _files.DisposeAsync();
        await _h.DisposeAsync();
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Hostile_task_ids_never_produce_a_file_outside_the_target_folder(string taskId)
    {
        var url = _files.Serve("r/a.png", [1, 2, 3], "image/png");
        var paths = await _h.Client.SaveAsync(Result(taskId, url, url), _target, TestContext.Current.CancellationToken);

        Assert.Equal(2, paths.Count);
        Assert.Equal(2, paths.Distinct().Count());
        var root = Path.GetFullPath(_target) + Path.DirectorySeparatorChar;
        Assert.All(paths, p =>
        {
            Assert.Equal(root, Path.GetDirectoryName(Path.GetFullPath(p)) + Path.DirectorySeparatorChar);
            Assert.Matches("^[A-Za-z0-9_-]{1,80}-[01]\\.png$", Path.GetFileName(p));
        });
        Assert.Equal(new[] { _target }, Directory.GetFileSystemEntries(_parent));
        Assert.Equal(paths.Order(), Directory.GetFiles(_target).Order());
    }

    [Fact]
    public async Task Two_ids_that_sanitise_alike_do_not_overwrite_each_other()
    {
        var url = _files.Serve("r/a.png", [1], "image/png");
        var first = await _h.Client.SaveAsync(Result("a/b", url), _target, TestContext.Current.CancellationToken);
        var second = await _h.Client.SaveAsync(Result("a?b", url), _target, TestContext.Current.CancellationToken);
        Assert.NotEqual(first[0], second[0]);
    }

    [Theory]
    [InlineData("r/run.sh", "image/png", ".png")]               // the content type wins over the URL
    [InlineData("r/run.exe", "application/octet-stream", ".bin")] // nothing known: never the remote extension
    [InlineData("r/song.mp3", "application/x-unknown", ".mp3")]  // an allowed extension from the URL
    [InlineData("r/clip.MP4", "video/mp4", ".mp4")]
    [InlineData("r/page.html", "text/html", ".bin")]
    public async Task The_extension_comes_from_the_content_type_or_an_allow_list(string path, string contentType, string expected)
    {
        var url = _files.Serve(path, [7, 7], contentType);
        var saved = Assert.Single(await _h.Client.SaveAsync(Result("task1", url), _target, TestContext.Current.CancellationToken));
        Assert.Equal("task1-0" + expected, Path.GetFileName(saved));
    }

    [Fact]
    public async Task A_failed_download_leaves_no_file_and_no_partial_file()
    {
        var good = _files.Serve("r/a.png", [1, 2, 3], "image/png");
        var missing = new Uri(_files.Address, "r/missing.png");
        await Assert.ThrowsAnyAsync<Exception>(() => _h.DriveAsync(_h.Client.SaveAsync(Result("task1", good, missing), _target, TestContext.Current.CancellationToken)));
        Assert.Equal(new[] { "task1-0.png" }, Directory.GetFiles(_target).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x.png")]
    public async Task Redirects_and_links_to_other_schemes_are_refused(string location)
    {
        var redirect = _files.Redirect("r/moved.png", location);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _h.DriveAsync(_h.Client.SaveAsync(Result("task1", redirect), _target, TestContext.Current.CancellationToken)));
        Assert.Contains("only http and https", refused.Message);
        Assert.Single(_files.Requests); // the redirect itself; nothing followed it
        var direct = await Assert.ThrowsAsync<ArgumentException>(() => _h.Client.SaveAsync(Result("task1", new Uri(location)), _target, TestContext.Current.CancellationToken));
        Assert.Contains("only http and https", direct.Message);
        Assert.Empty(Directory.GetFiles(_target));
        Assert.All(_files.Requests, r => Assert.Null(r.ApiKey));
    }

    private static KieTaskResult Result(string taskId, params Uri[] urls) => new(taskId, urls, [], null, null, DateTimeOffset.UnixEpoch);
}
