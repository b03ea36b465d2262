using KieGen.Models;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>
/// Synchronous endpoints: every catalog file with <c>endpoint.call</c> is served at its path, answered at once with a
/// data object built from its <c>output</c>, checked as Kie checks a body, charged, and documented by discovery.
/// </summary>
public class SynchronousCallTests
{
    private const string OmniPath = "/api/v1/omni/audio/create";

    [Fact]
    public async Task Gemini_Omni_Audio_is_answered_at_once_with_its_output_members_and_no_task()
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync(OmniPath, """{"audio_id":"achernar","name":"achernar Narrator"}""");

        Assert.Equal((HttpStatusCode.OK, 200), (status, body.GetProperty("code").GetInt32()));
        var data = body.GetProperty("data");
        Assert.Equal(["kieAudioId", "name"], data.EnumerateObject().Select(m => m.Name));
        Assert.Equal("achernar Narrator", data.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("kieAudioId").GetString()));
        Assert.Empty(kie.Server.Tasks);
        Assert.Equal(999m, kie.Server.CreditsOf(FakeKieOptions.DefaultApiKey));
    }

    [Fact]
    public async Task A_body_without_a_required_member_gets_Kies_words_for_it_and_costs_nothing()
    {
        await using var kie = await Kie.StartAsync();
        var (_, body) = await kie.PostAsync(OmniPath, """{"audio_id":"achernar"}""");

        Assert.Equal((500, "This field is required"), (body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Equal(1000m, kie.Server.CreditsOf(FakeKieOptions.DefaultApiKey));
    }

    [Fact]
    public async Task With_a_catalog_the_body_is_validated_like_the_client_errors_only()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (_, body) = await kie.PostAsync(OmniPath, """{"audio_id":5,"name":"n"}""");
        Assert.Equal(422, body.GetProperty("code").GetInt32());
        Assert.StartsWith("audio_id: ", body.GetProperty("msg").GetString(), StringComparison.Ordinal);

        // An undeclared member is a warning: accepted, as Kie accepts it.
        (_, body) = await kie.PostAsync(OmniPath, """{"audio_id":"kore","name":"n","voiceDescription":"calm"}""");
        Assert.Equal(200, body.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_synchronous_model_is_no_createTask_model()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (_, body) = await kie.PostAsync("/api/v1/jobs/createTask", """{"model":"gemini-omni-audio","input":{"audio_id":"kore","name":"n"}}""");
        Assert.Equal(404, body.GetProperty("code").GetInt32());
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task Discovery_documents_a_synchronous_file_at_its_own_path_with_its_answer_data()
    {
        await using var kie = await Kie.StartAsync();
        var file = kie.Server.CatalogFiles.Single(f => (string?)f["model"] == "gemini-omni-audio");
        var document = FakeKieServer.OpenApiFor(file);

        var paths = document["paths"]!.AsObject();
        var post = Assert.Single(paths).Value!["post"]!;
        Assert.Equal(OmniPath, paths.Single().Key);
        Assert.Null(post["callbacks"]);
        var data = post["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["allOf"]![0]!["properties"]!["data"]!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(file["output"], data));
    }
}
