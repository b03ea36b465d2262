using System.Collections.Concurrent;
using KieGen.Models;
using KieGen.Requests;
using KieGen.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests.Infrastructure;

/// <summary>Exchange ids of the recorded corpus as theory data.</summary>
public static class RecordedIds
{
    /// <summary>The ids of the exchanges <paramref name="where"/> selects, in recorded order.</summary>
    public static TheoryData<int> Where(Func<RecordedExchange, bool> where)
    {
        var data = new TheoryData<int>();
        foreach (var exchange in RecordedCorpus.All.Where(where))
        {
            data.Add(exchange.Id);
        }

        return data;
    }
}

/// <summary>A request the recorded server received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, byte[] Body, string? Authorization);

/// <summary>
/// A real HTTP server (Kestrel, 127.0.0.1, a free port) that answers every request with the recorded answer of one
/// exchange: its HTTP status, its content type and its body as recorded. Both Kie hosts (API and uploads) point at
/// it, so a <see cref="KieClient"/> calls it exactly as it calls Kie.
/// </summary>
public sealed class RecordedKie : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private RecordedKie(WebApplication app, RecordedExchange exchange)
    {
        _app = app;
        Exchange = exchange;
    }

    public RecordedExchange Exchange { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public string ApiKey { get; } = "recorded-" + Guid.NewGuid().ToString("N");

    public static async Task<RecordedKie> StartAsync(RecordedExchange exchange)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordedKie(app, exchange);
        app.Run(server.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Client options aimed at this server: both hosts, this server's key, a fixed poll interval.</summary>
    public KieClientOptions ClientOptions() => new()
    {
        ApiKey = ApiKey,
        BaseAddress = BaseAddress,
        UploadBaseAddress = BaseAddress,
        PollInterval = TimeSpan.FromMilliseconds(1),
    };

    public KieClient CreateClient() => new(ClientOptions());

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        _requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.ContentType, buffer.ToArray(), context.Request.Headers.Authorization.ToString()));
        context.Response.StatusCode = Exchange.Status;
        if (Exchange.ResponseContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        var body = Exchange.ResponseBody.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(Exchange.ResponseBody.GetString()!) : Encoding.UTF8.GetBytes(Exchange.ResponseBody.GetRawText());
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Where a recorded call lands in the compiled catalog.</summary>
public static class RecordedModels
{
    /// <summary>The catalog entries a recorded create could be a call of: by <c>model</c> (unified jobs) or by create path.</summary>
    public static IReadOnlyList<KieCatalogEntry> Candidates(RecordedExchange exchange) =>
        exchange.Path == "/api/v1/jobs/createTask"
            ? exchange.RequestBody.TryGetProperty("model", out var m) && m.GetString() is { } id && KieGenCatalog.Models.TryGet(id, out var entry) ? [entry] : []
            : KieGenCatalog.Models.Where(e => e.Model.CreatePath == exchange.Path).OrderBy(e => e.Model.ModelId, StringComparer.Ordinal).ToList();

    /// <summary>A model whose status path is <paramref name="statusPath"/>: the named one when the catalog has it, else any.</summary>
    public static KieModelInfo ForStatus(string statusPath, string? modelId) =>
        modelId is not null && KieGenCatalog.Models.TryGet(modelId, out var named) && named.Model.StatusPath == statusPath
            ? named.Model
            : KieGenCatalog.Models.Where(e => e.Model.StatusPath == statusPath).OrderBy(e => e.Model.ModelId, StringComparer.Ordinal).First().Model;
}
