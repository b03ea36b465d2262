using YamlDotNet.RepresentationModel;

namespace KieGen.Import.Tests;

/// <summary>
/// The scheduled drift workflow, read as GitHub reads it. What its steps run is exercised in <see cref="DriftTests"/>
/// (the same script against the fake); here: that the workflow runs that script with the secret, fails when it could
/// not check, and turns drift into a pull request.
/// </summary>
public class WorkflowTests
{
    private static readonly string Root = RoundTripTests.RepositoryRoot();

    [Fact]
    public void The_drift_workflow_runs_the_check_script_daily_with_the_secret_and_opens_a_pull_request_on_drift()
    {
        var workflow = Load(Path.Combine(Root, ".github", "workflows", "kie-drift.yml"));

        var on = Map(workflow, "on");
        Assert.Matches(@"^\S+ \S+ \* \* \*$", Scalar(Map(Sequence(on, "schedule")[0]), "cron")); // daily
        Assert.True(on.Children.ContainsKey(new YamlScalarNode("workflow_dispatch")));

        var permissions = Map(workflow, "permissions");
        Assert.Equal("write", Scalar(permissions, "contents"));
        Assert.Equal("write", Scalar(permissions, "pull-requests"));

        var steps = Sequence(Map(Map(workflow, "jobs"), "drift"), "steps").Select(Map).ToList();

        // Only the two first-party actions; the .NET version is the repository's.
        var uses = steps.Select(s => TryScalar(s, "uses")).OfType<string>().ToList();
        Assert.Equal(2, uses.Count);
        Assert.StartsWith("actions/checkout@", uses[0], StringComparison.Ordinal);
        Assert.StartsWith("actions/setup-dotnet@", uses[1], StringComparison.Ordinal);
        var setup = steps.Single(s => TryScalar(s, "uses") == uses[1]);
        Assert.Equal("global.json", Scalar(Map(setup, "with"), "global-json-file"));

        // The check: the script the tests run, with the secret; its exit code decides what follows; 2 fails the job.
        var check = steps.Single(s => TryScalar(s, "id") == "check");
        Assert.Equal("${{ secrets.KIE_API_KEY }}", Scalar(Map(check, "env"), "KIE_API_KEY"));
        var checkRun = Scalar(check, "run");
        Assert.Contains("tools/kie-drift/check.sh", checkRun, StringComparison.Ordinal);
        Assert.Contains("code=$code\" >> \"$GITHUB_OUTPUT\"", checkRun, StringComparison.Ordinal);
        Assert.Contains("exit 1", checkRun, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "tools", "kie-drift", "check.sh")));

        // On drift: the written files on the kie-drift branch, a pull request opened or updated with the report as its body.
        var pullRequest = steps.Single(s => TryScalar(s, "if") is { } condition && condition.Contains("steps.check.outputs.code == '1'", StringComparison.Ordinal));
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", Scalar(Map(pullRequest, "env"), "GH_TOKEN"));
        var prRun = Scalar(pullRequest, "run");
        foreach (var command in new[] { "python3 tools/public-api/update.py KieGen", "git add -A -- schemas runtime/KieGen/PublicAPI.Unshipped.txt", "git push --force origin", "gh pr list --head", "gh pr edit", "gh pr create", "--body-file \"$KIE_DRIFT_OUT/pr-body.md\"" })
        {
            Assert.Contains(command, prRun, StringComparison.Ordinal);
        }

        // Both steps read the same report folder, which the check script writes to.
        Assert.Equal(Scalar(Map(check, "env"), "KIE_DRIFT_OUT"), Scalar(Map(pullRequest, "env"), "KIE_DRIFT_OUT"));
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node) => Assert.IsType<YamlMappingNode>(node);

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => Assert.IsType<YamlSequenceNode>(node.Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, string key) => TryScalar(node, key) ?? throw new KeyNotFoundException($"'{key}' is missing");

    private static string? TryScalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
