using System;
using KieGen.Client;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.AI;

/// <summary>
/// What the task-based adapters share: the client, the catalog, the default model, model lookup per call, and the
/// services they answer through <c>GetService</c>.
/// </summary>
internal sealed class KieTaskAdapter
{
    private KieTaskAdapter(IKieClient client, KieModelCatalog catalog, string defaultModelId)
    {
        Client = client;
        Catalog = catalog;
        DefaultModelId = defaultModelId;
    }

    public IKieClient Client { get; }

    public KieModelCatalog Catalog { get; }

    public string DefaultModelId { get; }

    /// <summary>Checks the arguments and that <paramref name="modelId"/> is in the catalog (the compiled one when null).</summary>
    public static KieTaskAdapter Create(IKieClient client, string modelId, KieModelCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var adapter = new KieTaskAdapter(client, catalog ?? KieGenCatalog.Models, modelId);
        _ = adapter.Resolve(modelId, nameof(modelId));
        return adapter;
    }

    /// <summary>The entry of a per-call model id, or of the default model.</summary>
    public KieCatalogEntry Resolve(string? modelId, string parameterName)
    {
        modelId ??= DefaultModelId;
        return Catalog.TryGet(modelId, out var entry) ? entry
            : throw new ArgumentException($"No model '{modelId}' in the catalog.", parameterName);
    }

    /// <summary>The adapter's metadata, the client, the default model's catalog entry, or the adapter itself.</summary>
    public object? GetService(Type serviceType, object? serviceKey, object metadata, object self)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(metadata) ? metadata
            : typeof(IKieClient).IsAssignableFrom(serviceType) && serviceType.IsInstanceOfType(Client) ? Client
            : serviceType == typeof(KieCatalogEntry) ? Catalog[DefaultModelId]
            : serviceType.IsInstanceOfType(self) ? self
            : null;
    }
}
