// Verified Kie callbacks in a minimal API.
//   dotnet run --project samples/KieGen.WebhookSample
// Without KIE_API_KEY it starts an embedded fake Kie server that signs its callbacks, submits one image on start and
// logs the verified completion. With KIE_API_KEY, set Kie__Callbacks__PublicBaseUrl (an address Kie can reach, e.g. a
// tunnel to this app) and Kie__Callbacks__HmacKey (from Kie's settings page).
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KieGen.AspNetCore;
using KieGen.Client;
using KieGen.Models.Image;
using KieGen.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

const string Address = "http://127.0.0.1:5080";
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(Address);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var live = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable));
var fake = live ? null : await FakeKieServer.StartAsync(new FakeKieOptions
{
    WebhookHmacKey = "demo-hmac-key",
    DefaultScript = new TaskScript { Waiting = TimeSpan.FromSeconds(1), Queuing = TimeSpan.FromSeconds(1), Generating = TimeSpan.FromSeconds(3) },
});

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
        o.Callbacks.PublicBaseUrl = new Uri(Address);
        o.Callbacks.HmacKey = "demo-hmac-key";
    });
}

var app = builder.Build();
app.MapKieCallbacks();

// Submit an image; the answer is a token to follow the task with.
app.MapPost("/images", async (ImageOrder order, KieClient kie, CancellationToken cancellationToken) =>
{
    var task = await kie.SubmitAsync(new NanoBanana2Request { Prompt = order.Prompt }, cancellationToken: cancellationToken);
    return Results.Accepted($"/tasks/{task.ToToken()}", new { token = task.ToToken() });
});

// Follow a task: waits (callback-driven) for up to 30 s.
app.MapGet("/tasks/{token}", async (string token, KieClient kie, CancellationToken cancellationToken) =>
{
    try
    {
        var result = await kie.WaitForCompletionAsync(kie.GetTask(token), timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        return Results.Ok(new { urls = result.Urls, expiresAt = result.ExpiresAt });
    }
    catch (KieWaitTimeoutException)
    {
        return Results.Accepted($"/tasks/{token}", new { state = "running" });
    }
});

if (fake is not null)
{
    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
    {
        var kie = app.Services.GetRequiredService<KieClient>();
        var task = await kie.SubmitAsync(new NanoBanana2Request { Prompt = "A lighthouse at dusk" });
        Console.WriteLine($"Demo: submitted {task.TaskId}; the fake Kie server will call {Address}/kie/callbacks when it is done.");
        var result = await kie.WaitForCompletionAsync(task);
        Console.WriteLine($"Demo: the wait completed from the verified callback: {result.Urls[0]}");
    }));
    app.Lifetime.ApplicationStopped.Register(() => fake.DisposeAsync().AsTask().GetAwaiter().GetResult());
}

app.Run();

/// <summary>The order the /images endpoint takes.</summary>
internal sealed record ImageOrder(string Prompt);

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
