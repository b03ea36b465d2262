using KieGen.Models;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class AuthAndValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_key_is_refused_with_401_as_Kie_documents(string? key)
    {
        await using var kie = await Kie.StartAsync();
        using var http = Kie.Client(kie.Server.BaseAddress, key);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling, http);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal((401, "You do not have access permissions"), (body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Empty(kie.Server.Tasks);

        using var upload = Kie.Client(kie.Server.UploadBaseAddress, key);
        (status, body) = await kie.PostAsync("/api/file-base64-upload", """{"base64Data":"aGk=","uploadPath":"x"}""", upload);
        Assert.Equal((HttpStatusCode.Unauthorized, false), (status, body.GetProperty("success").GetBoolean()));
    }

    [Fact]
    public async Task Auth_failure_can_come_as_http_200_with_body_code_401_as_observed_live()
    {
        await using var kie = await Kie.StartAsync(o => o.AuthFailureAsHttp200 = true);
        using var http = Kie.Client(kie.Server.BaseAddress, "wrong-key");
        var (status, body) = await kie.GetAsync("/api/v1/chat/credit", http);
        Assert.Equal((HttpStatusCode.OK, 401), (status, body.GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task Keys_are_accounts_each_with_its_own_credits_and_tasks()
    {
        await using var kie = await Kie.StartAsync(o => o.ApiKeys["second"] = 5);
        using var second = Kie.Client(kie.Server.BaseAddress, "second");
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling, second);
        Assert.Single(kie.Server.TasksCreatedBy("second"));
        Assert.Equal(4m, kie.Server.CreditsOf("second"));
        Assert.Equal(999m, kie.Server.CreditsOf(FakeKieOptions.DefaultApiKey));
    }

    [Theory]
    [InlineData("""{"model":"kling-2.6/image-to-video","input":{"prompt":"p","image_urls":["https://e.com/a.png"],"sound":false,"duration":"7"}}""", "input.duration: '7' is not allowed")]
    [InlineData("""{"input":{}}""", "model: is required")]
    [InlineData("""{"model":"kling-2.6/image-to-video","callBackUrl":"not a url","input":{"prompt":"p","image_urls":["https://e.com/a.png"],"sound":false,"duration":"5"}}""", "callBackUrl: must be an absolute URL")]
    public async Task With_the_catalog_an_invalid_market_body_is_a_422_naming_the_field(string json, string message)
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", json);
        Assert.Equal((HttpStatusCode.OK, 422), (status, body.GetProperty("code").GetInt32()));
        Assert.StartsWith(message, body.GetProperty("msg").GetString());
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task With_the_catalog_an_unknown_model_gets_Kies_404_answer()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", """{"model":"no/such-model","input":{}}""");
        Assert.Equal((HttpStatusCode.OK, 404), (status, body.GetProperty("code").GetInt32()));
        Assert.Equal("The model name you specified is not supported: 'no/such-model'", body.GetProperty("msg").GetString());
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task With_the_catalog_special_family_bodies_are_validated_too_and_suno_needs_its_callback()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (status, body) = await kie.PostAsync("/api/v1/veo/generate", """{"prompt":"p","duration":5}""");
        Assert.Equal((HttpStatusCode.OK, 422), (status, body.GetProperty("code").GetInt32()));
        Assert.StartsWith("duration: ", body.GetProperty("msg").GetString());
        (_, body) = await kie.PostAsync("/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""");
        Assert.Equal("callBackUrl: is required", body.GetProperty("msg").GetString());
        await kie.CreateAsync("/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4","callBackUrl":"https://e.com/cb"}""");
    }

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", "{\"model\":");
        Assert.Equal((HttpStatusCode.OK, 400), (status, body.GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_market_create_missing_a_required_input_member_is_Kies_500_This_field_is_required(bool catalog)
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = catalog ? KieGenCatalog.Models : null);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask",
            """{"model":"kling-2.6/image-to-video","input":{"image_urls":["https://e.com/a.png"],"sound":false,"duration":"5"}}""");
        Assert.Equal((HttpStatusCode.OK, 500, "This field is required"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task Errors_keep_their_http_status_when_asked()
    {
        await using var kie = await Kie.StartAsync(o => o.ErrorsAsHttp200 = false);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", "{\"model\":");
        Assert.Equal((HttpStatusCode.BadRequest, 400), (status, body.GetProperty("code").GetInt32()));
    }
}
