using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests;

/// <summary>
/// A set of models keyed by model id: the compiled catalog (<c>KieGen.Models.KieGenCatalog.Models</c>), the models
/// generated in your own project, or both merged. Lets code that only has JSON (a server, a queue consumer) find
/// and validate the request type of a model id without reflection.
/// </summary>
public sealed class KieModelCatalog : IReadOnlyCollection<KieCatalogEntry>
{
    private readonly Dictionary<string, KieCatalogEntry> _byId;

    /// <summary>Creates a catalog; when two entries share a model id, the later one wins.</summary>
    public KieModelCatalog(IEnumerable<KieCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _byId = new Dictionary<string, KieCatalogEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            _byId[entry.Model.ModelId] = entry;
        }
    }

    /// <inheritdoc />
    public int Count => _byId.Count;

    /// <summary>The entry of a model id; throws <see cref="KeyNotFoundException"/> naming the id when it is unknown.</summary>
    public KieCatalogEntry this[string modelId] =>
        TryGet(modelId, out var entry) ? entry : throw new KeyNotFoundException($"No model '{modelId}' in this catalog.");

    /// <summary>Finds the entry of a model id (Market id or special-family operation key).</summary>
    public bool TryGet(string modelId, [NotNullWhen(true)] out KieCatalogEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return _byId.TryGetValue(modelId, out entry);
    }

    /// <summary>
    /// This catalog with <paramref name="overrides"/> added; an override with the same model id shadows the entry here
    /// (a newer schema file for a catalog model, dropped into your project).
    /// </summary>
    public KieModelCatalog With(KieModelCatalog overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new KieModelCatalog(Concat(_byId.Values, overrides._byId.Values));
    }

    /// <inheritdoc />
    public IEnumerator<KieCatalogEntry> GetEnumerator() => _byId.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static IEnumerable<KieCatalogEntry> Concat(IEnumerable<KieCatalogEntry> first, IEnumerable<KieCatalogEntry> second)
    {
        foreach (var entry in first)
        {
            yield return entry;
        }

        foreach (var entry in second)
        {
            yield return entry;
        }
    }
}

/// <summary>One model of a <see cref="KieModelCatalog"/>: its binding, its request type, and its parser.</summary>
public sealed class KieCatalogEntry
{
    private readonly Parser _parse;
    private readonly Parser _parseBody;

    private KieCatalogEntry(KieModelInfo model, Type requestType, IReadOnlyList<KieParameterInfo> parameters, IReadOnlyList<KieParameterInfo> output, Parser parse, Parser parseBody)
    {
        Parameters = parameters;
        Output = output;
        _parseBody = parseBody;
        Model = model;
        RequestType = requestType;
        _parse = parse;
    }

    private delegate bool Parser(JsonElement json, out IKieRequest? request, out IReadOnlyList<KieValidationError> errors);

    /// <summary>The model binding (id, family, endpoints, body shape).</summary>
    public KieModelInfo Model { get; }

    /// <summary>The generated request type.</summary>
    public Type RequestType { get; }

    /// <summary>The model's parameters in schema order, with their <c>x-kie-role</c> where the schema gives one.</summary>
    public IReadOnlyList<KieParameterInfo> Parameters { get; }

    /// <summary>
    /// For a synchronous call, the members of its answer's <c>data</c> as the schema file's <c>output</c> declares
    /// them; empty for a model that creates a task, or a call without an output schema.
    /// </summary>
    public IReadOnlyList<KieParameterInfo> Output { get; }

    /// <summary>The parameter holding a role (<see cref="KieParameterRoles"/>), or null when the model has none.</summary>
    public KieParameterInfo? FindRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        foreach (var parameter in Parameters)
        {
            if (parameter.Role == role)
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>The entry of a generated request type. Called by generated catalogs.</summary>
    public static KieCatalogEntry For<TRequest>()
        where TRequest : class, IKieRequest<TRequest>
    {
        return new KieCatalogEntry(TRequest.KieModel, typeof(TRequest), TRequest.KieParameters, TRequest.KieOutput, static (JsonElement json, out IKieRequest? request, out IReadOnlyList<KieValidationError> errors) =>
        {
            var ok = TRequest.TryParse(json, out var typed, out errors);
            request = typed;
            return ok;
        }, static (JsonElement body, out IKieRequest? request, out IReadOnlyList<KieValidationError> errors) =>
        {
            var ok = TRequest.TryParseBody(body, out var typed, out errors);
            request = typed;
            return ok;
        });
    }

    /// <summary>
    /// Reads and validates the parameters object (Market: <c>input</c>; special families: the body without the
    /// callback field) as this model's request.
    /// </summary>
    public bool TryParse(JsonElement json, [NotNullWhen(true)] out IKieRequest? request, out IReadOnlyList<KieValidationError> errors) =>
        _parse(json, out request, out errors);

    /// <summary>
    /// Reads and validates a whole create-task body as this model's request: the parameters, the model's top-level
    /// fields, and that the body holds nothing else. Error paths are body paths (<c>input.prompt</c>).
    /// </summary>
    public bool TryParseBody(JsonElement body, [NotNullWhen(true)] out IKieRequest? request, out IReadOnlyList<KieValidationError> errors) =>
        _parseBody(body, out request, out errors);

    /// <inheritdoc />
    public override string ToString() => Model.ToString();
}
