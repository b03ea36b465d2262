using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Models;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// What the task-based adapters share: the client, the catalog, the default model and the adapter's metadata; the
/// parameter map of a call's model; submitting a request and waiting for its task; the result files as
/// <see cref="AIContent"/>; and the services they answer through <c>GetService</c>.
/// </summary>
internal sealed class KieTaskAdapter
{
    /// <summary>The provider name of the adapters' metadata.</summary>
    public const string ProviderName = "kie";

    /// <summary>Key of an <see cref="IProgress{T}"/> of <see cref="KieTaskProgress"/> in <c>AdditionalProperties</c>.</summary>
    public const string ProgressKey = "kie.progress";

    /// <summary>Key of the task id that responses carry in <c>AdditionalProperties</c>.</summary>
    public const string TaskIdKey = "kie.taskId";

    // Made on first request: reading the client's address in the constructor would refuse a test's client that
    // overrides only what the adapter calls.
    private readonly Lazy<object> _metadata;
    private readonly Type _metadataType;

    private KieTaskAdapter(KieClient client, KieModelCatalog catalog, string defaultModelId, Lazy<object> metadata, Type metadataType)
    {
        Client = client;
        Catalog = catalog;
        DefaultModelId = defaultModelId;
        _metadata = metadata;
        _metadataType = metadataType;
    }

    public KieClient Client { get; }

    public KieModelCatalog Catalog { get; }

    public string DefaultModelId { get; }

    /// <summary>
    /// Checks the arguments and that <paramref name="modelId"/> is in the catalog (the compiled one when null);
    /// <paramref name="metadata"/> makes the adapter's metadata from the client's address and the default model.
    /// </summary>
    public static KieTaskAdapter Create<TMetadata>(KieClient client, string modelId, KieModelCatalog? catalog, Func<Uri?, string, TMetadata> metadata)
        where TMetadata : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var adapter = new KieTaskAdapter(client, catalog ?? KieGenCatalog.Models, modelId, new Lazy<object>(() => metadata(client.BaseAddress, modelId)), typeof(TMetadata));
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

    /// <summary>An empty parameter map for a call's model (the options' <c>ModelId</c>, or the default).</summary>
    public KieParameterMap Map(string? modelId) => new(Resolve(modelId, "options"));

    /// <summary>Submits the request and waits for its task, reporting to a <c>kie.progress</c> of <paramref name="additional"/>.</summary>
    public async Task<KieTaskResult> RunAsync(IKieRequest request, AdditionalPropertiesDictionary? additional, CancellationToken cancellationToken)
    {
        var progress = KieParameterMap.Reserved<IProgress<KieTaskProgress>>(additional, ProgressKey);
        var task = await Client.SubmitAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Client.WaitForCompletionAsync(task, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each result file as a link, or downloaded into a <see cref="DataContent"/> when asked.</summary>
    public async Task<List<AIContent>> ContentsAsync(KieTaskResult result, bool download, string fallbackMediaType, CancellationToken cancellationToken)
    {
        var contents = new List<AIContent>(result.Urls.Count);
        foreach (var url in result.Urls)
        {
            var mediaType = MediaTypes.FromPath(url.AbsolutePath) ?? fallbackMediaType;
            if (download)
            {
                using var buffer = new MemoryStream();
                await Client.DownloadAsync(url, buffer, cancellationToken: cancellationToken).ConfigureAwait(false);
                contents.Add(new DataContent(buffer.ToArray(), mediaType) { RawRepresentation = url });
            }
            else
            {
                contents.Add(new UriContent(url, mediaType));
            }
        }

        return contents;
    }

    /// <summary>The <c>AdditionalProperties</c> of a response: the task id under <see cref="TaskIdKey"/>.</summary>
    public static AdditionalPropertiesDictionary TaskProperties(KieTaskResult result) => new() { [TaskIdKey] = result.TaskId };

    /// <summary>The adapter's metadata, the client, the default model's catalog entry, or the adapter itself.</summary>
    public object? GetService(Type serviceType, object? serviceKey, object self)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsAssignableFrom(_metadataType) ? _metadata.Value
            : typeof(KieClient).IsAssignableFrom(serviceType) && serviceType.IsInstanceOfType(Client) ? Client
            : serviceType == typeof(KieCatalogEntry) ? Catalog[DefaultModelId]
            : serviceType.IsInstanceOfType(self) ? self
            : null;
    }
}
