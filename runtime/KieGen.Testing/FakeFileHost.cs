using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KieGen.Testing;

/// <summary>
/// A file host on its own origin (like the storage hosts Kie's result links point to): serves files and redirects
/// as told, and records every request with its headers, so a test can prove what a client sent to a foreign host.
/// </summary>
public sealed class FakeFileHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    private FakeFileHost()
    {
    }

    /// <summary>The host's address, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request received, in order (with <see cref="RecordedRequest.ApiKey"/> set when a bearer key came).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a host on 127.0.0.1 on a free port.</summary>
    public static async Task<FakeFileHost> StartAsync(CancellationToken cancellationToken = default)
    {
        var host = new FakeFileHost();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host._app = builder.Build();
        host._app.Run(host.HandleAsync);
        await host._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Address = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> with <paramref name="contentType"/>; returns the URL.</summary>
    public Uri Serve(string path, byte[] bytes, string contentType)
    {
        _files["/" + path.TrimStart('/')] = (bytes, contentType);
        return new Uri(Address, path.TrimStart('/'));
    }

    /// <summary>Answers <paramref name="path"/> with a 302 to <paramref name="location"/> (any scheme); returns the URL.</summary>
    public Uri Redirect(string path, string location)
    {
        _redirects["/" + path.TrimStart('/')] = location;
        return new Uri(Address, path.TrimStart('/'));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new RecordedRequest(
            request.Method, request.Path + request.QueryString, headers, "",
            authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null,
            false, DateTimeOffset.UtcNow));
        var path = request.Path.Value ?? "/";
        if (_redirects.TryGetValue(path, out var location))
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = location;
            return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        await Results.Bytes(file.Bytes, file.ContentType, enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }
}
