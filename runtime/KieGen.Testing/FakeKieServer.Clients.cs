using System;
using System.Linq;
using System.Net.Http;
using KieGen.Client;
using Microsoft.Extensions.Logging;

namespace KieGen.Testing;

public sealed partial class FakeKieServer
{
    /// <summary>
    /// Points <paramref name="options"/> at this server: its API and upload addresses, a key it accepts, and the
    /// polling of its <see cref="FakeKieOptions.Timing"/> (every 50 ms by default; as against Kie for
    /// <see cref="FakeKieTiming.Realistic"/>). Everything else is left as it is. Fits <c>AddKieClient</c>:
    /// <c>services.AddKieClient(o =&gt; fake.ConfigureClient(o))</c>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="apiKey">The key; null takes <see cref="FakeKieOptions.DefaultApiKey"/> when the server accepts it, else its first key.</param>
    /// <exception cref="InvalidOperationException"><paramref name="apiKey"/> is null and the server accepts no key.</exception>
    public void ConfigureClient(KieClientOptions options, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApiKey = apiKey ?? DefaultClientKey();
        options.BaseAddress = BaseAddress;
        options.UploadBaseAddress = UploadBaseAddress;
        options.PollInterval = _options.Timing.ClientPollInterval;
    }

    /// <summary>New client options pointed at this server (see <see cref="ConfigureClient"/>), otherwise the defaults.</summary>
    /// <param name="apiKey">The key; null takes <see cref="FakeKieOptions.DefaultApiKey"/> when the server accepts it, else its first key.</param>
    public KieClientOptions CreateClientOptions(string? apiKey = null)
    {
        var options = new KieClientOptions();
        ConfigureClient(options, apiKey);
        return options;
    }

    /// <summary>
    /// A <see cref="KieClient"/> for this server, on the server's <see cref="FakeKieOptions.TimeProvider"/> (so a
    /// <see cref="ManualTimeProvider"/> drives the client's polling too). With the default
    /// <see cref="FakeKieTiming.Fast"/>, a video call finishes in a fraction of a second.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var fake = await FakeKieServer.StartAsync();
    /// using var kie = fake.CreateClient();
    /// var result = await kie.SubmitAndWaitAsync(request);
    /// </code>
    /// </example>
    /// <param name="apiKey">The key; null takes <see cref="FakeKieOptions.DefaultApiKey"/> when the server accepts it, else its first key.</param>
    /// <param name="httpClient">The HTTP client to send with; null makes one the client owns.</param>
    /// <param name="logger">Where the client logs; null logs nowhere.</param>
    public KieClient CreateClient(string? apiKey = null, HttpClient? httpClient = null, ILogger<KieClient>? logger = null) =>
        new(CreateClientOptions(apiKey), httpClient, logger, _options.TimeProvider);

    private string DefaultClientKey() =>
        _options.ApiKeys.ContainsKey(FakeKieOptions.DefaultApiKey) ? FakeKieOptions.DefaultApiKey
        : _options.ApiKeys.Keys.FirstOrDefault()
          ?? throw new InvalidOperationException("The fake Kie server accepts no API key: add one to FakeKieOptions.ApiKeys, or pass the key.");
}
