using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KieGen.Testing.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback that records the callbacks it receives and answers a chosen status.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The status to answer; 200 by default.</summary>
    public int StatusCode { get; set; } = 200;

    public ConcurrentQueue<(IHeaderDictionary Headers, string Body)> Received { get; } = new();

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CallbackReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            // Kestrel reuses header collections after the request: keep a copy.
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            receiver!.Received.Enqueue((headers, await reader.ReadToEndAsync()));
            context.Response.StatusCode = receiver.StatusCode;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver = new CallbackReceiver(app, new Uri(app.Urls.First().TrimEnd('/') + "/kie/callbacks"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
