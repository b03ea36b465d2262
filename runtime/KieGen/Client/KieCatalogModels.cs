using System;
using System.Collections.Generic;
using System.Text.Json;

namespace KieGen.Client;

/// <summary>Filters of Kie's model list (<c>GET /api/v1/models</c>); every filter is optional.</summary>
/// <param name="TaskTypes">Task types, any of which a model must have (e.g. <c>Text to Video</c>).</param>
/// <param name="Provider">The provider, e.g. <c>Kling</c>.</param>
/// <param name="Query">Free text Kie matches against ids, titles and descriptions.</param>
public sealed record KieModelQuery(IReadOnlyList<string>? TaskTypes = null, string? Provider = null, string? Query = null);

/// <summary>Kie's live model list: every model that matched, not paged.</summary>
/// <param name="Total">The count Kie reports.</param>
/// <param name="Models">The models, in Kie's order.</param>
public sealed record KieModelList(int Total, IReadOnlyList<KieCatalogModel> Models);

/// <summary>One model of Kie's live catalog.</summary>
/// <param name="Model">The model id sent in <c>model</c>, e.g. <c>kling-3.0/video</c>.</param>
/// <param name="Slug">The id used in Kie's web addresses.</param>
/// <param name="Title">Display name.</param>
/// <param name="Provider">Who makes the model.</param>
/// <param name="TaskTypes">What it does, e.g. <c>Text to Video</c>.</param>
/// <param name="Description">Kie's description; null when Kie has none.</param>
/// <param name="PricingDescription">Kie's price in prose (credits per unit).</param>
public sealed record KieCatalogModel(string Model, string? Slug, string? Title, string? Provider, IReadOnlyList<string> TaskTypes, string? Description, string? PricingDescription);

/// <summary>A model's price as Kie words it.</summary>
/// <param name="Model">The model id.</param>
/// <param name="PricingDescription">The price in prose; null when Kie gives none.</param>
public sealed record KieModelPrice(string Model, string? PricingDescription);

/// <summary>A model's success rate over the last 24 hours in 10-minute buckets (at most 144; empty when Kie has no data).</summary>
/// <param name="Model">The model id.</param>
/// <param name="Points">The buckets, oldest first as Kie sends them.</param>
public sealed record KieSuccessRate(string Model, IReadOnlyList<KieSuccessRatePoint> Points);

/// <summary>One 10-minute bucket; the rates are null when the bucket had no traffic.</summary>
/// <param name="Start">Start of the bucket.</param>
/// <param name="End">End of the bucket.</param>
/// <param name="SuccessRate">Share of tasks that succeeded, as Kie reports it; null without traffic.</param>
/// <param name="ErrorRate">Share of tasks that failed; null without traffic.</param>
/// <param name="IsNormal">Kie's own verdict on the bucket; null when absent.</param>
public sealed record KieSuccessRatePoint(DateTimeOffset? Start, DateTimeOffset? End, double? SuccessRate, double? ErrorRate, bool? IsNormal);

/// <summary>
/// A model's schema answer (<c>GET /api/v1/models/{model}/schema</c>): the OpenAPI document for that one model, or
/// none when Kie has not synced it yet. Dispose it to release <see cref="OpenApi"/>.
/// </summary>
public sealed class KieModelSchema : IDisposable
{
    internal KieModelSchema(string model, JsonDocument? openApi, Uri source, DateTimeOffset retrievedAt)
    {
        Model = model;
        OpenApi = openApi;
        Source = source;
        RetrievedAt = retrievedAt;
    }

    /// <summary>The model id Kie answered for.</summary>
    public string Model { get; }

    /// <summary>The OpenAPI document; null when Kie answered <c>"openapi": null</c> (not synced yet).</summary>
    public JsonDocument? OpenApi { get; }

    /// <summary>The address the document came from.</summary>
    public Uri Source { get; }

    /// <summary>When it was read, on the client's clock.</summary>
    public DateTimeOffset RetrievedAt { get; }

    /// <inheritdoc />
    public void Dispose() => OpenApi?.Dispose();
}
