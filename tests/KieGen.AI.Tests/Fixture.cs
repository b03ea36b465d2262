using KieGen.Models;
using KieGen.Requests;
using KieGen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>
/// The real fake Kie server (validating bodies against the catalog, tasks finishing at its default, fast timing) and a service provider
/// whose KieClient points at it; tests reach Kie only through the Microsoft.Extensions.AI abstractions.
/// </summary>
public sealed class Fixture : IAsyncDisposable
{
    private Fixture(FakeKieServer server, ServiceProvider services, string key)
    {
        Server = server;
        Services = services;
        Key = key;
    }

    public FakeKieServer Server { get; }

    public ServiceProvider Services { get; }

    /// <summary>A key of this test's own, so parallel tests never share limits or recorded tasks.</summary>
    public string Key { get; }

    /// <summary>Starts the server, validating against <paramref name="catalog"/> (KieGen's compiled catalog when null).</summary>
    public static async Task<Fixture> StartAsync(Action<IServiceCollection> register, KieModelCatalog? catalog = null)
    {
        var options = new FakeKieOptions { Catalog = catalog ?? KieGenCatalog.Models }; // the default timing: tasks finish in a tenth of a second
        var key = options.AddApiKey(1000m);
        var server = await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddKieClient(o => server.ConfigureClient(o, key));
        register(services);
        return new Fixture(server, services.BuildServiceProvider(), key);
    }

    /// <summary>The create-task bodies the server received from this test's key.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> CreateBodies() =>
        Server.Requests.Where(r => r.ApiKey == Key && r.Path.StartsWith("/api/v1/jobs/createTask", StringComparison.Ordinal))
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
