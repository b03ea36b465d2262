using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>Kie's discovery endpoints: the live model list, each model's OpenAPI document, its price and success rate.</summary>
public partial class KieClient
{
    /// <summary>Kie's budget for the four discovery endpoints together: 1 request per second per account.</summary>
    public const int CatalogLimitPerSecond = 1;

    /// <summary>Lists Kie's live models (not paged), under the key's shared discovery limit of 1 request/s.</summary>
    /// <param name="query">Filters; all models when null.</param>
    /// <param name="cancellationToken">Stops waiting for a slot or the answer.</param>
    public virtual async Task<KieModelList> ListModelsAsync(KieModelQuery? query = null, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var parameters = new List<string>();
        if (query?.TaskTypes is { Count: > 0 } types)
        {
            parameters.Add("taskType=" + Uri.EscapeDataString(string.Join(",", types)));
        }

        if (!string.IsNullOrEmpty(query?.Provider))
        {
            parameters.Add("provider=" + Uri.EscapeDataString(query.Provider));
        }

        if (!string.IsNullOrEmpty(query?.Query))
        {
            parameters.Add("q=" + Uri.EscapeDataString(query.Query));
        }

        var path = "api/v1/models" + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters));
        var data = await CatalogCallAsync(path, "Listing Kie's models", cancellationToken).ConfigureAwait(false);
        var models = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("models", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object).Select(ReadModel).ToArray()
            : Array.Empty<KieCatalogModel>();
        var total = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : models.Length;
        return new KieModelList(total, models);
    }

    /// <summary>
    /// Reads one model's OpenAPI document (<c>openapi</c> may be null: not synced yet). The <c>/</c> in a model id is
    /// sent as is, as Kie expects.
    /// </summary>
    public virtual async Task<KieModelSchema> GetModelSchemaAsync(string model, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var (source, openApi) = await GetSchemaElementAsync(model, cancellationToken).ConfigureAwait(false);
        var document = openApi.ValueKind == JsonValueKind.Object ? JsonDocument.Parse(openApi.GetRawText()) : null;
        return new KieModelSchema(model, document, source, _time.GetUtcNow());
    }

    /// <summary>
    /// Reads one model's OpenAPI document as the exact UTF-8 bytes Kie sent (for hashing or saving); null when Kie
    /// answered <c>"openapi": null</c>.
    /// </summary>
    public virtual async Task<byte[]?> GetModelSchemaUtf8Async(string model, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var (_, openApi) = await GetSchemaElementAsync(model, cancellationToken).ConfigureAwait(false);
        return openApi.ValueKind == JsonValueKind.Object ? Encoding.UTF8.GetBytes(openApi.GetRawText()) : null;
    }

    /// <summary>Reads a model's price in Kie's words.</summary>
    public virtual async Task<KieModelPrice> GetModelPriceAsync(string model, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var data = await CatalogCallAsync(ModelPath(model) + "/price", $"Reading the price of '{model}'", cancellationToken).ConfigureAwait(false);
        return new KieModelPrice(ReadString(data, "model") ?? model, ReadString(data, "pricingDesc"));
    }

    /// <summary>Reads a model's success rate over the last 24 hours (10-minute buckets).</summary>
    public virtual async Task<KieSuccessRate> GetModelSuccessRateAsync(string model, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var data = await CatalogCallAsync(ModelPath(model) + "/success-rate", $"Reading the success rate of '{model}'", cancellationToken).ConfigureAwait(false);
        var points = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("points", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new KieSuccessRatePoint(
                Time(e, "start"), Time(e, "end"), Number(e, "successRate"), Number(e, "errorRate"),
                e.TryGetProperty("isNormal", out var ok) && ok.ValueKind is JsonValueKind.True or JsonValueKind.False ? ok.GetBoolean() : null)).ToArray()
            : Array.Empty<KieSuccessRatePoint>();
        return new KieSuccessRate(ReadString(data, "model") ?? model, points);
    }

    private async Task<(Uri Source, JsonElement OpenApi)> GetSchemaElementAsync(string model, CancellationToken cancellationToken)
    {
        var path = ModelPath(model) + "/schema";
        var data = await CatalogCallAsync(path, $"Reading the schema of '{model}'", cancellationToken).ConfigureAwait(false);
        var openApi = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("openapi", out var o) ? o : default;
        if (openApi.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw new JsonException($"Kie's schema answer for '{model}' has an 'openapi' that is neither an object nor null.");
        }

        return (new Uri(_options.BaseAddress, path), openApi);
    }

    /// <summary>
    /// One discovery call under the key's shared discovery gate; errors as everywhere else in the client. Discovery
    /// calls only read, so a 429 (another process of the key took the second) or a maintenance or server answer is
    /// retried after Retry-After or a backoff, up to <see cref="KieClientOptions.SubmitRetries"/> times.
    /// </summary>
    private async Task<JsonElement> CatalogCallAsync(string pathAndQuery, string operation, CancellationToken cancellationToken)
    {
        // Gates are shared per key and clock, so looking the gate up per call costs a dictionary hit and no state here.
        var gate = KieRateGate.For(_apiKey, "catalog", CatalogLimitPerSecond, TimeSpan.FromSeconds(1), _time);
        var queryStart = pathAndQuery.IndexOf('?');
        var path = "/" + (queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart]);
        var query = queryStart < 0 ? null : pathAndQuery[queryStart..];
        for (var attempt = 1; ; attempt++)
        {
            KieEnvelope envelope;
            using (await gate.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                envelope = await SendAsync(HttpMethod.Get, _options.BaseAddress, path, query, null, cancellationToken).ConfigureAwait(false);
            }

            if (envelope.IsSuccess)
            {
                return envelope.Data;
            }

            if (attempt > _options.SubmitRetries || envelope.ErrorCode is not (429 or 455 or >= 500))
            {
                throw envelope.ToException(operation);
            }

            var delay = RetryDelay(envelope, attempt);
            KieLog.DiscoveryRetry(_logger, operation, envelope.ErrorCode, delay, attempt);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ModelPath(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        // Kie takes the '/' of an id literally; every other character is escaped per segment.
        return "api/v1/models/" + string.Join("/", model.Split('/').Select(Uri.EscapeDataString));
    }

    private static KieCatalogModel ReadModel(JsonElement e)
    {
        var types = e.TryGetProperty("taskType", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : Array.Empty<string>();
        return new KieCatalogModel(ReadString(e, "model") ?? "", ReadString(e, "slug"), ReadString(e, "title"), ReadString(e, "provider"), types, ReadString(e, "description"), ReadString(e, "pricingDesc"));
    }

    private static string? ReadString(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        JsonValueKind.Number when v.TryGetInt64(out var ms) => ms > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.FromUnixTimeSeconds(ms),
        _ => null,
    } : null;
}
