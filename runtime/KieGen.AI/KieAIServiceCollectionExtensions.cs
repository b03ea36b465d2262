using System;
using System.Linq;
using KieGen.AI;
using KieGen.Client;
using KieGen.Models;
using KieGen.Requests;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Kie models as Microsoft.Extensions.AI services, all on the one <see cref="KieClient"/> of the
/// container, so they share its key, limits and HttpClient (<c>AddKieClient</c> is called when no client is
/// registered; a test's subclass of <see cref="KieClient"/> registered as <see cref="KieClient"/> is used as it is). Keyed overloads register several models side by side. Models are looked up in a registered
/// <see cref="KieModelCatalog"/> (your own schemas) or else in <c>KieGenCatalog.Models</c>. These register the
/// adapters alone; for Microsoft.Extensions.AI's middleware, register them through its <c>AddChatClient</c>,
/// <c>AddImageGenerator</c>, ... builders instead (README: Pipelines).
/// </summary>
public static class KieAIServiceCollectionExtensions
{
    /// <summary>Adds an <see cref="IImageGenerator"/> for an image model of the catalog.</summary>
    public static IServiceCollection AddKieImageGenerator(this IServiceCollection services, string modelId) =>
        Add<IImageGenerator>(services, null, modelId, (client, catalog) => new KieImageGenerator(client, modelId, catalog));

    /// <summary>Adds an <see cref="IImageGenerator"/> for an image model of the catalog under <paramref name="serviceKey"/>.</summary>
    public static IServiceCollection AddKeyedKieImageGenerator(this IServiceCollection services, object serviceKey, string modelId) =>
        Add<IImageGenerator>(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), modelId, (client, catalog) => new KieImageGenerator(client, modelId, catalog));

    /// <summary>Adds an <see cref="ITextToSpeechClient"/> for a speech model of the catalog (ElevenLabs, Gemini TTS).</summary>
    public static IServiceCollection AddKieTextToSpeechClient(this IServiceCollection services, string modelId) =>
        Add<ITextToSpeechClient>(services, null, modelId, (client, catalog) => new KieTextToSpeechClient(client, modelId, catalog));

    /// <summary>Adds an <see cref="ITextToSpeechClient"/> for a speech model under <paramref name="serviceKey"/>.</summary>
    public static IServiceCollection AddKeyedKieTextToSpeechClient(this IServiceCollection services, object serviceKey, string modelId) =>
        Add<ITextToSpeechClient>(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), modelId, (client, catalog) => new KieTextToSpeechClient(client, modelId, catalog));

    /// <summary>Adds an <see cref="ISpeechToTextClient"/> for a speech-to-text model of the catalog (ElevenLabs speech to text).</summary>
    public static IServiceCollection AddKieSpeechToTextClient(this IServiceCollection services, string modelId) =>
        Add<ISpeechToTextClient>(services, null, modelId, (client, catalog) => new KieSpeechToTextClient(client, modelId, catalog));

    /// <summary>Adds an <see cref="ISpeechToTextClient"/> for a speech-to-text model under <paramref name="serviceKey"/>.</summary>
    public static IServiceCollection AddKeyedKieSpeechToTextClient(this IServiceCollection services, object serviceKey, string modelId) =>
        Add<ISpeechToTextClient>(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), modelId, (client, catalog) => new KieSpeechToTextClient(client, modelId, catalog));

    /// <summary>Adds an <see cref="IChatClient"/> for one of Kie's chat models (<see cref="KieChatModel.All"/>).</summary>
    public static IServiceCollection AddKieChatClient(this IServiceCollection services, string modelId) =>
        Add<IChatClient>(services, null, modelId, (client, _) => new KieChatClient(client, modelId));

    /// <summary>Adds an <see cref="IChatClient"/> for one of Kie's chat models under <paramref name="serviceKey"/>.</summary>
    public static IServiceCollection AddKeyedKieChatClient(this IServiceCollection services, object serviceKey, string modelId) =>
        Add<IChatClient>(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), modelId, (client, _) => new KieChatClient(client, modelId));

    private static IServiceCollection Add<TService>(IServiceCollection services, object? serviceKey, string modelId, Func<KieClient, KieModelCatalog, TService> create)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        if (!services.Any(d => d.ServiceType == typeof(KieClient)))
        {
            services.AddKieClient();
        }

        TService Create(IServiceProvider provider) =>
            create(provider.GetRequiredService<KieClient>(), provider.GetService<KieModelCatalog>() ?? KieGenCatalog.Models);

        if (serviceKey is null)
        {
            services.AddSingleton(Create);
        }
        else
        {
            services.AddKeyedSingleton(serviceKey, (provider, _) => Create(provider));
        }

        return services;
    }
}
