using System;
using System.Collections.Generic;
using KieGen.Requests;

namespace KieGen.Testing;

/// <summary>
/// How a <see cref="FakeKieServer"/> behaves. Defaults follow what Kie did in recorded traffic (March–April 2026) where
/// the recording shows it, and Kie's pages elsewhere; <see cref="Shape"/> and <see cref="ErrorsAsHttp200"/> switch to the pages.
/// </summary>
public sealed class FakeKieOptions
{
    /// <summary>The API key every test may use unless <see cref="ApiKeys"/> is changed.</summary>
    public const string DefaultApiKey = "fake-kie-key";

    /// <summary>Port of the API address; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Port of the upload address (Kie serves uploads from a second host); 0 (default) picks a free one.</summary>
    public int UploadPort { get; set; }

    /// <summary>Bearer keys the server accepts, with their starting credit balance.</summary>
    public IDictionary<string, decimal> ApiKeys { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal) { [DefaultApiKey] = 1000m };

    /// <summary>
    /// Adds a new key of its own (<c>key-</c> and 32 hex digits) to <see cref="ApiKeys"/> with <paramref name="credits"/>,
    /// and returns it. Tests that run in parallel each take one, so they never share a key's rate limits, credits or
    /// recorded requests.
    /// </summary>
    public string AddApiKey(decimal credits = 1000m)
    {
        var key = "key-" + Guid.NewGuid().ToString("N");
        ApiKeys.Add(key, credits);
        return key;
    }

    /// <summary>Credits a task costs when it is created, and a synchronous call (other than style boost's recorded 0.4) when it is answered.</summary>
    public decimal CreditsPerTask { get; set; } = 1m;

    /// <summary>
    /// How a bad or missing key is answered: HTTP 401 with <c>{"code":401}</c> (documented), or HTTP 200 with body code
    /// 401 (observed live).
    /// </summary>
    public bool AuthFailureAsHttp200 { get; set; }

    /// <summary>
    /// Validates <c>model</c>/<c>input</c> (Market) and special-family bodies against these models; an invalid body is
    /// answered with code 422 naming the field. Only errors reject, as Kie does: a warning (a limit the schema marks
    /// <c>x-kie-advisory</c>, an undeclared member) is accepted. Null (default) accepts any body, as far as routing goes.
    /// </summary>
    public KieModelCatalog? Catalog { get; set; }

    /// <summary>New tasks allowed per key per <see cref="CreateWindow"/> (Kie: 20 per 10 s); over it, HTTP 429, not queued.</summary>
    public int CreateLimit { get; set; } = 20;

    /// <summary>The sliding window of <see cref="CreateLimit"/>.</summary>
    public TimeSpan CreateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Status requests allowed per key per second (Kie: 10).</summary>
    public int StatusLimitPerSecond { get; set; } = 10;

    /// <summary>
    /// A standing network latency, each way: a request is handled this long after it comes in (so limits count it at
    /// its arrival, as Kie's do), and an API answer is written this long after it is ready (file downloads get the
    /// request's way only). Zero (default) adds none; measured on <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The Retry-After header sent with a 429; null sends none (Kie documents none).</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Requests per key per second to the discovery endpoints together (Kie: 1); over it, body code 429.</summary>
    public int CatalogLimitPerSecond { get; set; } = 1;

    /// <summary>
    /// Schema files (the text of <c>*.kie.json</c> files) the discovery endpoints serve besides the catalog's; one
    /// with a catalog model's id replaces it (e.g. to add a parameter and watch <c>kiegen diff</c> report it).
    /// </summary>
    public IList<string> CatalogSchemas { get; } = new List<string>();

    /// <summary>
    /// When not empty, the discovery endpoints list only these of the compiled catalog's models (besides
    /// <see cref="CatalogSchemas"/>): a small live catalog, e.g. for an import of "every" model that should be quick
    /// under Kie's 1 request per second.
    /// </summary>
    public ISet<string> CatalogModels { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Models whose schema answer has <c>"openapi": null</c>, as Kie sends before a model is synced.</summary>
    public ISet<string> UnsyncedSchemas { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The webhook HMAC key; when set, callbacks carry X-Webhook-Timestamp and X-Webhook-Signature.</summary>
    public string? WebhookHmacKey { get; set; }

    /// <summary>How long the server waits for a callback receiver (Kie: 15 s).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after a failed callback delivery (Kie: 3, then it stops).</summary>
    public int CallbackRetries { get; set; } = 3;

    /// <summary>Pause before each callback retry, on the injected clock.</summary>
    public TimeSpan CallbackRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra copies of every callback (Kie may deliver one more than once).</summary>
    public int DuplicateCallbacks { get; set; }

    /// <summary>The clock for task progress, limits, callback schedules and signatures. Use <see cref="ManualTimeProvider"/> in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seed of every random choice (task ids, random faults), so a run can be replayed.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Random faults injected into API responses (none by default); see <see cref="FakeKieServer.InjectFault"/> for one-shot faults.</summary>
    public RandomFaults? RandomFaults { get; set; }

    /// <summary>
    /// How long a new task stays invisible to its status endpoint after the create call, as Kie's sometimes does:
    /// status reads answer <see cref="NotVisibleCode"/> meanwhile. Zero (default) shows a task at once.
    /// </summary>
    public TimeSpan NotVisibleFor { get; set; }

    /// <summary>The answer to a status read of a task not visible yet: 422 "recordInfo is null" (default) or 404 "Task not found".</summary>
    public int NotVisibleCode { get; set; } = 422;

    /// <summary>
    /// The body code of a status reply for a failed task (HTTP 200, the data still in state <c>fail</c>), as Kie sends
    /// 501 "Playground task failed." (Suno: 408 on a timeout). Null (default) answers code 200.
    /// </summary>
    public int? FailedTaskStatusCode { get; set; }

    /// <summary>
    /// Answers errors with HTTP 200 and the error code only in the body, as every error outside chat in Kie's recorded
    /// traffic (March–April 2026) came back: true by default. False mirrors the code into the HTTP status, as Kie's
    /// pages describe. Either way, injected HTTP faults keep their status, a 429 stays HTTP 429, an unknown endpoint
    /// is HTTP 404, and a bad key follows <see cref="AuthFailureAsHttp200"/>.
    /// </summary>
    public bool ErrorsAsHttp200 { get; set; } = true;

    /// <summary>
    /// Which of Kie's answer shapes status polls take: <see cref="KieShape.Recorded2026_03"/> (default, what Kie sent
    /// in the recorded traffic) or <see cref="KieShape.Pages2026_10"/> (the members Kie's October 2026 pages add).
    /// </summary>
    public KieShape Shape { get; set; } = KieShape.Recorded2026_03;

    /// <summary>
    /// The chat-completions models the fake serves (the <c>&lt;model&gt;</c> of <c>/&lt;model&gt;/v1/chat/completions</c>);
    /// others are answered as Kie does, code 422 "The model is not supported". By default the chat-completions
    /// models of Kie's catalog as of October 2026; clear it to serve any path.
    /// </summary>
    public ISet<string> ChatModels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "gpt-5-2", "gemini-2.5-pro", "gemini-3-pro", "gemini-3.1-pro",
        "gemini-3-5-flash-openai", "gemini-3-6-flash-openai", "gemini-3-7-flash-openai", "gemini-3-8-flash-openai",
    };

    /// <summary>
    /// Serves result files from a separate file host (its own port, <see cref="FakeKieServer.FileHostAddress"/>) with
    /// signed links (<c>?expires=..&amp;sig=..</c>, HMAC-SHA256) that answer 403 once expired, as Kie's storage does;
    /// <c>common/download-url</c> signs fresh links within <see cref="FakeKieServer.Retention"/>. Off by default.
    /// </summary>
    public bool SeparateFileHost { get; set; }

    /// <summary>How long a signed result link of <see cref="SeparateFileHost"/> is valid, counted from the task's completion.</summary>
    public TimeSpan FileLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Rejects follow-up operations (a parent <c>taskId</c> in the body: extend, 4K, 1080P, upscale, vary, ...) whose
    /// parent is unknown to the key (422 "record is null") or has not succeeded (422 "record status is not success"),
    /// as Kie's HD and download endpoints document. Off by default (any id is accepted), except that Suno operations
    /// on a parent the key does not know are always refused as Kie refused them: 422 "Record does not exist".
    /// </summary>
    public bool ValidateParentTasks { get; set; }

    /// <summary>
    /// How long tasks take where their script does not say, and how often clients from
    /// <see cref="FakeKieServer.CreateClient"/> poll: <see cref="FakeKieTiming.Fast"/> (default, any task done in about
    /// a tenth of a second) or <see cref="FakeKieTiming.Realistic"/> (Kie's pace: a video takes minutes).
    /// </summary>
    public FakeKieTiming Timing { get; set; } = FakeKieTiming.Fast;

    /// <summary>The script of tasks no other script covers.</summary>
    public TaskScript DefaultScript { get; set; } = new();
}

/// <summary>Faults drawn at random, deterministically from <see cref="FakeKieOptions.Seed"/>.</summary>
/// <param name="Probability">Chance (0..1) that a matching API request gets one of <paramref name="Faults"/>.</param>
/// <param name="Faults">The faults to choose from, uniformly.</param>
public sealed record RandomFaults(double Probability, IReadOnlyList<Fault> Faults);
