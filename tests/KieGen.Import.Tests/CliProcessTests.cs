using System.Net.Http;

namespace KieGen.Import.Tests;

/// <summary>The kiegen command as a real process against the real fake server.</summary>
public class CliProcessTests
{
    [Fact]
    public async Task Import_writes_the_catalog_file_and_diff_exits_1_only_on_drift()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(Path.GetTempPath(), "kiegen-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Separate processes share no client gate, so back-to-back commands would meet the server's 1 request/s
            // limit (covered by the client's tests); this test is about the commands' output.
            // Kie lists only this model here: diff reports every listed model the folder lacks as new.
            var first = new FakeKieOptions { CatalogLimitPerSecond = 100, CatalogModels = { "kling-3.0/motion-control" } };
            await using (var kie = await FakeKieServer.StartAsync(first, ct))
            {
                var (code, output, errors) = await RunAsync(kie, ct, "import", "kling-3.0/motion-control", "--out", root);
                Assert.True(code == 0, errors);
                Assert.Contains("added ", output);
                var written = Path.Combine(root, "video", "kling-3.0-motion-control.kie.json");
                var original = RoundTripTests.LiveCatalogFiles().Single(f => (string)f["model"]! == "kling-3.0/motion-control");
                Assert.Equal(RoundTripTests.Normalise(original), RoundTripTests.Normalise((JsonObject)JsonNode.Parse(File.ReadAllText(written))!));
                Assert.Empty(Directory.GetFiles(root, "*.tmp-*", SearchOption.AllDirectories));

                (code, output, _) = await RunAsync(kie, ct, "diff", root);
                Assert.True(code == 0, output);
                Assert.Contains("no drift", output);

                // The team names a parameter its own way: a re-import keeps the name, and it is not drift.
                var curated = (JsonObject)JsonNode.Parse(File.ReadAllText(written))!;
                var firstParameter = curated["input"]!["properties"]!.AsObject().First().Value!;
                firstParameter["x-csharpName"] = "TeamName";
                File.WriteAllText(written, curated.ToJsonString());
                (code, output, errors) = await RunAsync(kie, ct, "import", "kling-3.0/motion-control", "--out", root);
                Assert.True(code == 0, errors);
                Assert.Contains("unchanged ", output);
                Assert.Contains("\"TeamName\"", File.ReadAllText(written));
                (code, output, _) = await RunAsync(kie, ct, "diff", root);
                Assert.True(code == 0, output);
            }

            // Kie adds a parameter: drift, exit code 1, the parameter named.
            var changed = RoundTripTests.LiveCatalogFiles().Single(f => (string)f["model"]! == "kling-3.0/motion-control");
            changed["input"]!["properties"]!["camera_motion"] = new JsonObject { ["type"] = "string" };
            var options = new FakeKieOptions { CatalogLimitPerSecond = 100, CatalogModels = { "kling-3.0/motion-control" } };
            options.CatalogSchemas.Add(changed.ToJsonString());
            await using (var kie = await FakeKieServer.StartAsync(options, ct))
            {
                var (code, output, _) = await RunAsync(kie, ct, "diff", root);
                Assert.Equal(1, code);
                Assert.Contains("changed: kling-3.0/motion-control: parameter 'camera_motion' added", output);
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Models_lists_the_catalog_and_import_all_into_an_empty_folder_reproduces_every_listed_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(Path.GetTempPath(), "kiegen-all-" + Guid.NewGuid().ToString("N"));
        try
        {
            // One model per category (a oneOf among them): the client keeps to Kie's 1 discovery request per second, so the whole catalog
            // would take minutes (RoundTripTests import all of it in process).
            var options = new FakeKieOptions { CatalogLimitPerSecond = 1000 };
            options.CatalogModels.UnionWith(["kling-3.0/motion-control", "google/nano-banana", "elevenlabs/text-to-speech-turbo-2-5", "ai-music-api/separate-vocals"]);
            await using var kie = await FakeKieServer.StartAsync(options, ct);
            var live = RoundTripTests.LiveCatalogFiles().Where(f => options.CatalogModels.Contains((string)f["model"]!)).ToDictionary(f => (string)f["model"]!, StringComparer.Ordinal);
            Assert.Equal(options.CatalogModels.Count, live.Count);

            var (code, output, errors) = await RunAsync(kie, ct, "models", "--q", "motion-control");
            Assert.True(code == 0, errors);
            Assert.StartsWith("MODEL ", output, StringComparison.Ordinal);
            Assert.Contains("kling-3.0/motion-control ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("google/nano-banana ", output, StringComparison.Ordinal);
            Assert.Contains("1 model(s)", output, StringComparison.Ordinal);

            (code, output, errors) = await RunAsync(kie, ct, "import", "--all", "--out", root);
            Assert.True(code == 0, errors);
            Assert.Contains($"[{live.Count}/{live.Count}] ", errors, StringComparison.Ordinal); // progress, one line per model
            var written = Directory.GetFiles(root, "*.kie.json", SearchOption.AllDirectories)
                .Select(p => (JsonObject)JsonNode.Parse(File.ReadAllText(p))!)
                .ToDictionary(f => (string)f["model"]!, StringComparer.Ordinal);
            Assert.Equal(live.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
            foreach (var (model, original) in live)
            {
                Assert.True(RoundTripTests.Normalise(original) == RoundTripTests.Normalise(written[model]), model + " differs from the catalog's file");
            }

            Assert.Empty(Directory.GetFiles(root, "*.tmp-*", SearchOption.AllDirectories));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Import_file_converts_a_saved_schema_answer_offline()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(Path.GetTempPath(), "kiegen-file-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var saved = Path.Combine(root, "motion-control.json");
            await using (var kie = await FakeKieServer.StartAsync(new FakeKieOptions { CatalogLimitPerSecond = 1000 }, ct))
            {
                using var http = new HttpClient { BaseAddress = kie.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new("Bearer", FakeKieOptions.DefaultApiKey);
                await File.WriteAllBytesAsync(saved, await http.GetByteArrayAsync("api/v1/models/kling-3.0/motion-control/schema", ct), ct);
            }

            // No server at all: the conversion needs only the file.
            var (code, output, errors) = await RunAsync(null, ct, "import", "--file", saved, "--out", Path.Combine(root, "schemas"));
            Assert.True(code == 0, errors);
            Assert.Contains("added ", output, StringComparison.Ordinal);
            var written = (JsonObject)JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(root, "schemas"), "*.kie.json", SearchOption.AllDirectories).Single()))!;
            var original = RoundTripTests.LiveCatalogFiles().Single(f => (string)f["model"]! == "kling-3.0/motion-control");
            Assert.Equal("kling-3.0/motion-control", (string?)written["model"]);
            Assert.True(JsonNode.DeepEquals(original["input"], written["input"]), written["input"]!.ToJsonString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Import_file_of_a_synchronous_page_with_its_task_type_writes_the_call_under_its_category()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(Path.GetTempPath(), "kiegen-sync-" + Guid.NewGuid().ToString("N"));
        try
        {
            var page = Path.Combine(RoundTripTests.RepositoryRoot(), "tests", "Reference", "openapi-samples", "gemini-omni-audio.md");
            var (code, output, errors) = await RunAsync(null, ct, "import", "--file", page, "--task-type", "Text to Speech", "--out", Path.Combine(root, "schemas"));
            Assert.True(code == 0, errors);
            var path = Path.Combine(root, "schemas", "audio", "gemini-omni-audio.kie.json");
            Assert.Contains("added " + path, output, StringComparison.Ordinal);
            var written = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal("/api/v1/omni/audio/create", (string?)written["endpoint"]!["call"]);
            Assert.NotNull(written["output"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Init_writes_the_meta_schema_and_an_example_once_and_keeps_a_users_edits()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = Path.Combine(Path.GetTempPath(), "kiegen-init-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, errors) = await RunAsync(null, ct, "init", project);
            Assert.True(code == 0, errors);
            var metaSchema = Path.Combine(project, "schemas", "kie-model.schema.json");
            var example = Path.Combine(project, "schemas", "image", "google-nano-banana.kie.json");
            Assert.Contains("added " + metaSchema, output);
            Assert.Contains("added " + example, output);
            Assert.Equal(File.ReadAllText(Path.Combine(RoundTripTests.RepositoryRoot(), "schemas", "kie-model.schema.json")), File.ReadAllText(metaSchema));
            Assert.Equal(File.ReadAllText(Path.Combine(RoundTripTests.RepositoryRoot(), "schemas", "image", "google-nano-banana.kie.json")), File.ReadAllText(example));

            // A second run keeps the user's example and leaves an identical meta-schema alone.
            File.WriteAllText(example, "{ \"edited\": true }");
            (code, output, errors) = await RunAsync(null, ct, "init", project);
            Assert.True(code == 0, errors);
            Assert.Contains("unchanged " + metaSchema, output);
            Assert.Contains("kept " + example, output);
            Assert.Equal("{ \"edited\": true }", File.ReadAllText(example));
            Assert.Empty(Directory.GetFiles(project, "*.tmp-*", SearchOption.AllDirectories));
        }
        finally
        {
            if (Directory.Exists(project))
            {
                Directory.Delete(project, recursive: true);
            }
        }
    }

    internal static Task<(int Code, string Output, string Errors)> RunAsync(FakeKieServer? kie, CancellationToken ct, params string[] args) =>
        ProcessRun.RunAsync("dotnet", [ProcessRun.KiegenDll, .. kie is null ? args : args.Concat(["--base-url", kie.BaseAddress.ToString()])], new Dictionary<string, string?> { ["KIE_API_KEY"] = FakeKieOptions.DefaultApiKey }, ct);
}
