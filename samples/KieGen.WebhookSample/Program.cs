// Verified Kie callbacks in a minimal API.
//   dotnet run --project samples/KieGen.WebhookSample [-- --urls http://127.0.0.1:5081]
// It listens on http://127.0.0.1:5081 unless --urls (or ASPNETCORE_URLS) gives another address.
// Without KIE_API_KEY it starts an embedded fake Kie server that signs its callbacks, submits one image on start and
// logs the verified completion. With KIE_API_KEY, set Kie__Callbacks__PublicBaseUrl (an address Kie can reach, e.g. a
// tunnel to this app) and Kie__Callbacks__HmacKey (from Kie's settings page).
//   curl -i -X POST http://127.0.0.1:5081/images -H 'Content-Type: application/json' -d '{"prompt":"A lighthouse"}'
// With Kie__PostgreSql__ConnectionString set, limits, task state and callbacks go through PostgreSQL, so several
// instances act as one (README: "Scaling out with PostgreSQL" runs two against samples/KieGen.FakeServer).
using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.AspNetCore;
using KieGen.Client;
using KieGen.Models.Image;
using KieGen.Tasks;
using KieGen.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateBuilder(args);
// Not 5080, which the README gives samples/KieGen.FakeServer; the fake Kie server calls back to the first address.
var address = new Uri((builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://127.0.0.1:5081").Split(';')[0].TrimEnd('/') + "/");
builder.WebHost.UseUrls(address.ToString());

builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var live = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable));
var fake = live ? null : await FakeKieServer.StartAsync(new FakeKieOptions
{
    WebhookHmacKey = "demo-hmac-key",
    DefaultScript = new TaskScript { Waiting = TimeSpan.FromSeconds(1), Queuing = TimeSpan.FromSeconds(1), Generating = TimeSpan.FromSeconds(3) },
});

var kieClient = builder.Services.AddKieClient();
if (!string.IsNullOrEmpty(builder.Configuration["Kie:PostgreSql:ConnectionString"]))
{
    kieClient.UsePostgreSql(builder.Configuration.GetSection("Kie:PostgreSql"));
}

builder.Services.AddKieCallbacks(o => o.OnTaskCompleted = (done, _) =>
{
    Console.WriteLine($"OnTaskCompleted: {done.Task.TaskId} {done.Status.State}");
    return Task.CompletedTask;
});
builder.Services.AddKieTaskHandler<SaveResults>();
if (fake is not null)
{
    builder.Services.Configure<KieClientOptions>(o =>
    {
        o.ApiKey = FakeKieOptions.DefaultApiKey;
        o.BaseAddress = fake.BaseAddress;
        o.UploadBaseAddress = fake.UploadBaseAddress;
        o.Callbacks.PublicBaseUrl = address;
        o.Callbacks.HmacKey = "demo-hmac-key";
    });
}

var app = builder.Build();
app.MapKieCallbacks();

// Submit an image: the body is nano-banana-2's input ({"prompt": "...", "aspect_ratio": "16:9", ...}), checked against
// the model's schema; bad input is a 400 problem listing every violation. The answer is a token to follow the task with.
app.MapPost("/images", async (HttpRequest http, KieClient kie, CancellationToken cancellationToken) =>
{
    JsonDocument body;
    try
    {
        body = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
    }
    catch (JsonException e)
    {
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON.", detail: e.Message);
    }

    using (body)
    {
        if (!NanoBanana2Request.TryParse(body.RootElement, out var request, out var errors))
        {
            return Results.ValidationProblem(
                errors.GroupBy(e => e.Path.Length == 0 ? "$" : e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: $"The body is not a valid {NanoBanana2Request.KieModel.ModelId} input.");
        }

        var task = await kie.SubmitAsync(request, cancellationToken: cancellationToken);
        return Results.Accepted($"/tasks/{task.ToToken()}", new { token = task.ToToken() });
    }
});

// Follow a task: waits (callback-driven) for up to 30 s. A token this app did not make is a 400, a failed task a 422.
app.MapGet("/tasks/{token}", async (string token, KieClient kie, CancellationToken cancellationToken) =>
{
    KieTask task;
    try
    {
        task = kie.GetTask(token);
    }
    catch (FormatException e)
    {
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The token is not a KieGen task token.", detail: e.Message);
    }

    try
    {
        var result = await kie.WaitForCompletionAsync(task, timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        return Results.Ok(new { urls = result.Urls, expiresAt = result.ExpiresAt });
    }
    catch (KieWaitTimeoutException)
    {
        return Results.Accepted($"/tasks/{token}", new { state = "running" });
    }
    catch (KieTaskFailedException e)
    {
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The task failed.", detail: e.Message);
    }
    catch (KieNotFoundException e)
    {
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Kie does not know this task.", detail: e.Message);
    }
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"Listening on {address} (POST /images, GET /tasks/{{token}}, POST /kie/callbacks); Ctrl+C stops.");
    if (fake is null)
    {
        return;
    }

    _ = Task.Run(async () =>
    {
        var kie = app.Services.GetRequiredService<KieClient>();
        var task = await kie.SubmitAsync(new NanoBanana2Request { Prompt = "A lighthouse at dusk" }, cancellationToken: app.Lifetime.ApplicationStopping);
        Console.WriteLine($"Demo: submitted {task.TaskId}; the fake Kie server will call {address}kie/callbacks when it is done.");
        var result = await kie.WaitForCompletionAsync(task, cancellationToken: app.Lifetime.ApplicationStopping);
        Console.WriteLine($"Demo: the wait completed from the verified callback: {result.Urls[0]}");
    });
});

// Ctrl+C and SIGTERM stop the web host (its console lifetime); the embedded fake goes with it, and the exit code is 0.
await app.RunAsync();
if (fake is not null)
{
    await fake.DisposeAsync();
}

/// <summary>Runs for every finished task, awaited or not: downloads its files.</summary>
internal sealed class SaveResults(KieClient kie, ILogger<SaveResults> logger) : IKieTaskHandler
{
    public async Task HandleAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
    {
        if (!completion.Succeeded)
        {
            logger.LogWarning("Task {TaskId} failed: {Code} {Message}", completion.Task.TaskId, completion.Status.FailCode, completion.Status.FailMessage);
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "kie-webhook-sample");
        foreach (var path in await kie.SaveAsync(completion.Status.Result!, folder, cancellationToken))
        {
            logger.LogInformation("Task {TaskId}: saved {Path}", completion.Task.TaskId, path);
        }
    }
}
