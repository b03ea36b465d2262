using System;
using KieGen.Callbacks;

namespace KieGen.Client;

/// <summary>Configuration of a <see cref="KieClient"/>; bound from the configuration section <c>Kie</c> by <c>AddKieClient</c>.</summary>
public sealed class KieClientOptions
{
    /// <summary>The configuration section options are bound from.</summary>
    public const string SectionName = "Kie";

    /// <summary>The environment variable the key is read from when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyVariable = "KIE_API_KEY";

    /// <summary>The API key (Bearer). When null, <c>KIE_API_KEY</c> is used. Never logged or shown.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API address; Kie's by default.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.kie.ai/");

    /// <summary>The upload address; Kie serves uploads from a separate host.</summary>
    public Uri UploadBaseAddress { get; set; } = new("https://kieai.redpandaai.co/");

    /// <summary>Timeout of one HTTP call (a create call that times out has an unknown outcome).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>New tasks per key per <see cref="CreateWindow"/>, for every client in the process (Kie: 20 per 10 s).</summary>
    public int CreateLimit { get; set; } = 20;

    /// <summary>The window of <see cref="CreateLimit"/>.</summary>
    public TimeSpan CreateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Status calls per key per second, for every client in the process (Kie: 10).</summary>
    public int StatusLimitPerSecond { get; set; } = 10;

    /// <summary>How often a create call is retried after a 429 or a failure to connect (both prove nothing was created).</summary>
    public int SubmitRetries { get; set; } = 5;

    /// <summary>The longest pause honoured from a Retry-After header.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>WaitForCompletionAsync</c> waits when not told (Kie: give up after 10-15 minutes).</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after its create call a task that Kie does not show yet (404, or 422 "recordInfo is null") is waited
    /// for instead of reported as missing: Kie makes a new task visible to its status endpoint after a moment.
    /// </summary>
    public TimeSpan NotVisibleGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Enforce every documented limit on submit: when true, a warning (a limit the schema marks <c>x-kie-advisory</c>
    /// because Kie's accepted traffic contradicts it or nothing confirms it, or a member Kie does not know) is an error
    /// and <c>SubmitAsync</c> throws <see cref="Validation.KieValidationException"/>. Off by default: KieGen never
    /// blocks a call Kie accepts, and logs warnings instead.
    /// </summary>
    public bool StrictValidation { get; set; }

    /// <summary>
    /// A fixed pause between status polls. Null (default) follows Kie's guidance: every 2-3 s for the first 30 s, then
    /// slower, slower still for videos (up to 30 s between polls), with jitter. Set it for a server that answers at once,
    /// such as a local fake (<c>FakeKieServer.CreateClientOptions</c> does); polls still respect
    /// <see cref="StatusLimitPerSecond"/>.
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Callbacks: set <see cref="KieCallbackOptions.PublicBaseUrl"/> to have Kie post results instead of polling.</summary>
    public KieCallbackOptions Callbacks { get; set; } = new();

    /// <summary>The key from the options or the environment; null when neither has one.</summary>
    internal string? ResolveApiKey() =>
        !string.IsNullOrWhiteSpace(ApiKey) ? ApiKey : Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"Kie {BaseAddress} (uploads {UploadBaseAddress}), key {(ResolveApiKey() is null ? "missing" : "set")}";
}
