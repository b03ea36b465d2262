namespace KieGen.Import.Tests;

/// <summary>
/// <c>kiegen diff</c> and the scheduled drift check (tools/kie-drift/check.sh, .github/workflows/kie-drift.yml) as real
/// processes against the real fake server serving a changed catalog: one model gained a parameter, one is new, one
/// was retired, one was renamed with the same parameters, and one new model's schema is not synced yet.
/// </summary>
public sealed class DriftTests : IDisposable
{
    private const string Changed = "kling-3.0/motion-control";
    private const string New = "ai-music-api/separate-vocals";
    private const string Retired = "google/nano-banana";
    private const string RenamedFrom = "elevenlabs/text-to-speech-turbo-2-5";
    private const string RenamedTo = "elevenlabs/text-to-speech-turbo-2-5-renamed";
    private const string Reworded = "ai-music-api/generate"; // Kie reworded its descriptions only: not drift

    private static readonly Dictionary<string, JsonObject> Catalog = RoundTripTests.LiveCatalogFiles().ToDictionary(f => (string)f["model"]!, StringComparer.Ordinal);

    // A catalog model the fake lists with "openapi": null, as Kie does before it syncs a model.
    private static readonly string Unsynced = Catalog.Keys.Order(StringComparer.Ordinal).First(m => m is not (Changed or New or Retired or RenamedFrom or Reworded));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiegen-drift-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Diff_reports_each_kind_of_drift_on_one_line_and_include_new_writes_the_new_and_renamed_files()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = LocalFolder("schemas");
        await using var kie = await FakeKieServer.StartAsync(ChangedCatalog(), ct);

        var (code, output, errors) = await CliProcessTests.RunAsync(kie, ct, "diff", folder);
        Assert.True(code == 1, errors);
        Assert.Equal(
            new[]
            {
                $"new: {New}",
                $"new (not importable): {Unsynced}: Kie has not synced its schema yet (openapi is null)",
                $"renamed: {RenamedFrom} -> {RenamedTo}",
                $"retired: {Retired}",
                $"changed: {Changed}: parameter 'camera_motion' added",
                "drift: 1 new, 1 renamed, 1 retired, 1 changed (1 new model(s) not importable, not counted as drift)",
            },
            Lines(output));
        Assert.Equal(4, Directory.GetFiles(folder, "*.kie.json", SearchOption.AllDirectories).Length); // a report writes nothing

        var report = Path.Combine(_root, "report.json");
        (code, output, errors) = await CliProcessTests.RunAsync(kie, ct, "diff", folder, "--include-new", "--json", report);
        Assert.True(code == 1, errors); // imported files are still drift: the folder differed from Kie
        var newFile = Path.Combine(folder, "music", "ai-music-api-separate-vocals.kie.json");
        var renamedFile = Path.Combine(folder, "audio", "elevenlabs-text-to-speech-turbo-2-5-renamed.kie.json");
        Assert.Contains($"added {newFile}", Lines(output));
        Assert.Contains($"added {renamedFile}", Lines(output));
        Assert.Contains("(2 file(s) written; 1 new model(s) not importable, not counted as drift)", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*", SearchOption.AllDirectories));

        // The new model's file is the catalog's own (which the generator tests compile), as 'kiegen import' writes it.
        Assert.Equal(RoundTripTests.Normalise(Catalog[New]), RoundTripTests.Normalise(ReadFile(newFile)));

        // The renamed model's file takes the old file's parameters under the new id; the old file stays, untouched.
        var renamed = ReadFile(renamedFile);
        Assert.Equal(RenamedTo, (string?)renamed["model"]);
        Assert.True(JsonNode.DeepEquals(Catalog[RenamedFrom]["input"], renamed["input"]), renamed["input"]!.ToJsonString());
        Assert.Equal(File.ReadAllText(CatalogPath(RenamedFrom)), File.ReadAllText(Path.Combine(folder, "audio", "elevenlabs-text-to-speech-turbo-2-5.kie.json")));

        // Without --update-changed a changed file is only reported.
        Assert.Equal(File.ReadAllText(CatalogPath(Changed)), File.ReadAllText(Path.Combine(folder, "video", "kling-3.0-motion-control.kie.json")));

        var json = ReadFile(report);
        Assert.Equal(1, (int)json["exitCode"]!);
        Assert.True((bool)json["drift"]!);
        Assert.Equal(New, (string?)json["new"]![0]!["model"]);
        Assert.Equal(Unsynced, (string?)json["notImportable"]![0]!["model"]);
        Assert.Equal(RenamedFrom, (string?)json["renamed"]![0]!["from"]);
        Assert.Equal(RenamedTo, (string?)json["renamed"]![0]!["to"]);
        Assert.Equal(Retired, (string?)json["retired"]![0]!["model"]);
        Assert.Equal(Changed, (string?)json["changed"]![0]!["model"]);
        Assert.Equal("parameter 'camera_motion' added", (string?)json["changed"]![0]!["changes"]![0]);
        Assert.Equal(new[] { newFile, renamedFile }.Order(StringComparer.Ordinal), json["written"]!.AsArray().Select(w => (string)w!["path"]!).Order(StringComparer.Ordinal));
        Assert.All(json["written"]!.AsArray(), w => Assert.Equal("added", (string?)w!["action"]));
    }

    [Fact]
    public async Task The_drift_script_writes_the_changes_and_the_pull_request_body_and_exits_0_once_the_team_has_decided()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = LocalFolder("schemas");
        await using var kie = await FakeKieServer.StartAsync(ChangedCatalog(), ct);

        var firstRun = Path.Combine(_root, "first");
        var summary = Path.Combine(_root, "step-summary.md");
        var (code, output, errors) = await CheckScriptAsync(kie, folder, firstRun, FakeKieOptions.DefaultApiKey, ct, summary);
        Assert.True(code == 1, errors);
        var changedFile = Path.Combine(folder, "video", "kling-3.0-motion-control.kie.json");
        Assert.Contains($"updated {changedFile}", Lines(output));
        Assert.Contains($"added {Path.Combine(folder, "music", "ai-music-api-separate-vocals.kie.json")}", Lines(output));

        // The changed file now has Kie's new parameter, and nothing else of it moved.
        var changed = ReadFile(changedFile);
        Assert.Equal("string", (string?)changed["input"]!["properties"]!["camera_motion"]!["type"]);
        changed["input"]!["properties"]!.AsObject().Remove("camera_motion");
        Assert.Equal(RoundTripTests.Normalise(Catalog[Changed]), RoundTripTests.Normalise(changed));

        // What the workflow's pull request step and the job summary use.
        Assert.Equal(output, File.ReadAllText(Path.Combine(firstRun, "report.txt")));
        var body = File.ReadAllText(Path.Combine(firstRun, "pr-body.md"));
        Assert.Contains("## Kie's catalog changed", body, StringComparison.Ordinal);
        Assert.Contains($"renamed: {RenamedFrom} -> {RenamedTo}", body, StringComparison.Ordinal);
        Assert.Contains($"retired: {Retired}", body, StringComparison.Ordinal);
        Assert.Equal(body, File.ReadAllText(summary));
        Assert.Equal(1, (int)ReadFile(Path.Combine(firstRun, "report.json"))["exitCode"]!);

        // The team decides: the retired model and the old id of the renamed one are marked deprecated. Kie has nothing
        // new for the folder now, so the next scheduled run is green and opens nothing.
        foreach (var model in new[] { Retired, RenamedFrom })
        {
            var path = Directory.GetFiles(folder, "*.kie.json", SearchOption.AllDirectories).Single(p => (string?)ReadFile(p)["model"] == model);
            var file = ReadFile(path);
            file["deprecated"] = new JsonObject { ["reason"] = "Kie no longer lists it." };
            File.WriteAllText(path, file.ToJsonString());
        }

        var secondRun = Path.Combine(_root, "second");
        (code, output, errors) = await CheckScriptAsync(kie, folder, secondRun, FakeKieOptions.DefaultApiKey, ct);
        Assert.True(code == 0, output + errors);
        Assert.Equal(
            new[] { $"new (not importable): {Unsynced}: Kie has not synced its schema yet (openapi is null)", "no drift (1 new model(s) not importable, not counted as drift)" },
            Lines(output));
        Assert.False(File.Exists(Path.Combine(secondRun, "pr-body.md")));
        Assert.False((bool)ReadFile(Path.Combine(secondRun, "report.json"))["drift"]!);
    }

    [Fact]
    public async Task Diff_exits_2_and_says_why_whenever_it_cannot_check_never_1()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = LocalFolder("schemas");
        await using (var kie = await FakeKieServer.StartAsync(ChangedCatalog(), ct))
        {
            // A refused key (the script passes the secret through): nothing is written, not even a report.
            var run = Path.Combine(_root, "wrong-key");
            var (code, output, errors) = await CheckScriptAsync(kie, folder, run, "not-the-key", ct);
            Assert.Equal(2, code);
            Assert.Contains($"error: could not check {folder}: ", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("drift", output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(run, "report.json")));
            Assert.Equal(4, Directory.GetFiles(folder, "*.kie.json", SearchOption.AllDirectories).Length);

            // No secret at all: the script says which one, before anything runs.
            (code, _, errors) = await CheckScriptAsync(kie, folder, Path.Combine(_root, "no-key"), "", ct);
            Assert.Equal(2, code);
            Assert.Contains("KIE_API_KEY is empty", errors, StringComparison.Ordinal);
            Assert.Contains("repository secret named KIE_API_KEY", errors, StringComparison.Ordinal);

            // A folder that is not there, and a file in it that is not JSON.
            (code, _, errors) = await CliProcessTests.RunAsync(kie, ct, "diff", Path.Combine(_root, "missing"));
            Assert.Equal(2, code);
            Assert.Contains("does not exist", errors, StringComparison.Ordinal);
            var broken = Path.Combine(folder, "image", "broken.kie.json");
            File.WriteAllText(broken, "{ \"model\": ");
            (code, _, errors) = await CliProcessTests.RunAsync(kie, ct, "diff", folder);
            Assert.Equal(2, code);
            Assert.Contains(broken + ": not valid JSON", errors, StringComparison.Ordinal);
            File.Delete(broken);

            // A command line that does not parse.
            (code, _, _) = await CliProcessTests.RunAsync(kie, ct, "diff", folder, "--no-such-option");
            Assert.Equal(2, code);
        }

        // The server is down: its address refuses connections.
        var gone = await FakeKieServer.StartAsync(ChangedCatalog(), ct);
        await gone.DisposeAsync();
        var (downCode, _, downErrors) = await CliProcessTests.RunAsync(gone, ct, "diff", folder);
        Assert.Equal(2, downCode);
        Assert.Contains($"error: could not check {folder}: ", downErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_that_share_their_parameters_by_chance_are_not_taken_for_a_rename()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(_root, "schemas");
        Directory.CreateDirectory(Path.Combine(folder, "audio"));

        // Two local models with the same input, both gone; one new live model takes that input. Which one it replaced
        // cannot be told, so nothing is called a rename.
        foreach (var id in new[] { "elevenlabs/old-a", "elevenlabs/old-b" })
        {
            var file = (JsonObject)Catalog[RenamedFrom].DeepClone();
            file["model"] = id;
            File.WriteAllText(Path.Combine(folder, "audio", id.Replace('/', '-') + ".kie.json"), file.ToJsonString());
        }

        var options = new FakeKieOptions { CatalogLimitPerSecond = 1000 };
        options.CatalogModels.Add(RenamedFrom);
        await using var kie = await FakeKieServer.StartAsync(options, ct);
        var (code, output, errors) = await CliProcessTests.RunAsync(kie, ct, "diff", folder);
        Assert.True(code == 1, errors);
        Assert.Equal(
            new[] { $"new: {RenamedFrom}", "retired: elevenlabs/old-a", "retired: elevenlabs/old-b", "drift: 1 new, 0 renamed, 2 retired, 0 changed" },
            Lines(output));
    }

    [Fact]
    public async Task Diff_help_documents_the_exit_codes()
    {
        var (code, output, errors) = await CliProcessTests.RunAsync(null, TestContext.Current.CancellationToken, "diff", "--help");
        Assert.True(code == 0, errors);
        // Help wraps long descriptions: compare with the whitespace collapsed.
        var help = string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("0 no drift; 1 drift found (also when files were written); 2 could not check", help, StringComparison.Ordinal);
        Assert.Contains("--include-new", output, StringComparison.Ordinal);
        Assert.Contains("--update-changed", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
        Assert.Contains("0 no drift, 1 drift found", File.ReadAllText(Path.Combine(RoundTripTests.RepositoryRoot(), "README.md")), StringComparison.Ordinal);
    }

    /// <summary>The folder as the team had it before Kie changed: three of the catalog's files, as the repository has them.</summary>
    private string LocalFolder(string name)
    {
        var folder = Path.Combine(_root, name);
        foreach (var model in new[] { Changed, Retired, RenamedFrom, Reworded })
        {
            var source = CatalogPath(model);
            var target = Path.Combine(folder, Path.GetFileName(Path.GetDirectoryName(source))!, Path.GetFileName(source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        return folder;
    }

    /// <summary>Kie after the change: Changed gained a parameter, New and Unsynced appeared, Retired left, RenamedFrom became RenamedTo, Reworded's descriptions changed.</summary>
    private static FakeKieOptions ChangedCatalog()
    {
        // Separate processes share no client gate, so back-to-back commands would meet the server's 1 request/s limit
        // (the client's own gate keeps each process to 1/s, as Kie requires; the client's tests cover the limit).
        var options = new FakeKieOptions { CatalogLimitPerSecond = 1000 };
        options.CatalogModels.UnionWith([Changed, New, Unsynced]);
        options.UnsyncedSchemas.Add(Unsynced);
        var changed = (JsonObject)Catalog[Changed].DeepClone();
        changed["input"]!["properties"]!["camera_motion"] = new JsonObject { ["type"] = "string" };
        options.CatalogSchemas.Add(changed.ToJsonString());
        var renamed = (JsonObject)Catalog[RenamedFrom].DeepClone();
        renamed["model"] = RenamedTo;
        options.CatalogSchemas.Add(renamed.ToJsonString());

        // Wording is not contract: the file's description and those of a parameter named 'title' (a name that is also a
        // schema keyword) changed; nothing a caller sends did.
        var reworded = (JsonObject)Catalog[Reworded].DeepClone();
        reworded["description"] = "Reworded by Kie.";
        reworded["input"]!["properties"]!["title"]!["description"] = "Reworded by Kie.";
        options.CatalogSchemas.Add(reworded.ToJsonString());
        return options;
    }

    /// <summary>Runs tools/kie-drift/check.sh as the workflow does, with the built kiegen and the fake's address.</summary>
    private static Task<(int Code, string Output, string Errors)> CheckScriptAsync(FakeKieServer kie, string folder, string outFolder, string apiKey, CancellationToken ct, string? stepSummary = null) =>
        ProcessRun.RunAsync(
            "bash",
            [Path.Combine(RoundTripTests.RepositoryRoot(), "tools", "kie-drift", "check.sh"), folder],
            new Dictionary<string, string?>
            {
                ["KIE_API_KEY"] = apiKey,
                ["KIE_BASE_URL"] = kie.BaseAddress.ToString(),
                ["KIEGEN_DLL"] = ProcessRun.KiegenDll,
                ["KIE_DRIFT_OUT"] = outFolder,
                ["GITHUB_STEP_SUMMARY"] = stepSummary,
            },
            ct);

    private static string CatalogPath(string model) => Directory
        .GetFiles(Path.Combine(RoundTripTests.RepositoryRoot(), "schemas"), model.Replace('/', '-') + ".kie.json", SearchOption.AllDirectories)
        .Single();

    private static JsonObject ReadFile(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
