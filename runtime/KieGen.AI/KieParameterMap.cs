using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using KieGen.Requests;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// Builds a model's parameters object from what the Microsoft.Extensions.AI request asks, through the roles the
/// model's schema gives its parameters (<c>x-kie-role</c>). Whatever the model has no parameter for is refused
/// with an <see cref="ArgumentException"/> naming the model and the option, never dropped.
/// </summary>
internal sealed class KieParameterMap
{
    /// <summary>Keys of <c>AdditionalProperties</c> starting with this prefix are for the adapter, not the model.</summary>
    public const string ReservedPrefix = "kie.";

    private readonly KieCatalogEntry _entry;
    private readonly JsonObject _parameters = new();

    public KieParameterMap(KieCatalogEntry entry) => _entry = entry;

    public string ModelId => _entry.Model.ModelId;

    /// <summary>The parameter of a role, or null.</summary>
    public KieParameterInfo? Find(string role) => _entry.FindRole(role);

    /// <summary>The parameter of a role; an error naming the model and the option when the model has none.</summary>
    public KieParameterInfo Require(string role, string option) =>
        _entry.FindRole(role) ?? throw new ArgumentException(
            $"Model '{ModelId}' has no parameter with the role {role} (x-kie-role), so it cannot honour {option}; " +
            $"set the model's own parameter through AdditionalProperties instead. Parameters: {string.Join(", ", _entry.Parameters.Select(p => p.WireName))}.", option);

    public void Set(KieParameterInfo parameter, JsonNode? value) => _parameters[parameter.WireName] = value;

    /// <summary>Sets an enumerated (or free) string parameter; a value outside its enum is refused naming both.</summary>
    public void SetText(KieParameterInfo parameter, string value, string option)
    {
        if (parameter.EnumValues.Count > 0)
        {
            var match = parameter.EnumValues.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"Model '{ModelId}' cannot honour {option} = {value}: its parameter '{parameter.WireName}' allows {string.Join(", ", parameter.EnumValues)}.", option);
            value = match;
        }

        Set(parameter, parameter.Type switch
        {
            KieParameterType.Integer when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
            KieParameterType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        });
    }

    /// <summary>Sets a number, as the parameter's type wants it (an enumerated string such as <c>"2"</c> included).</summary>
    public void SetNumber(KieParameterInfo parameter, double value, string option)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (parameter.Type == KieParameterType.String || parameter.EnumValues.Count > 0)
        {
            SetText(parameter, text, option);
        }
        else if (parameter.Type == KieParameterType.Integer && value == Math.Floor(value))
        {
            Set(parameter, JsonValue.Create((long)value));
        }
        else
        {
            Set(parameter, JsonValue.Create(value));
        }
    }

    /// <summary>Sets URL(s) on a string or string-array parameter; several URLs for a single one are refused.</summary>
    public void SetUrls(KieParameterInfo parameter, IReadOnlyList<Uri> urls, string option)
    {
        if (parameter.Type == KieParameterType.Array)
        {
            Set(parameter, new JsonArray(urls.Select(u => (JsonNode?)JsonValue.Create(u.ToString())).ToArray()));
        }
        else if (urls.Count == 1)
        {
            Set(parameter, JsonValue.Create(urls[0].ToString()));
        }
        else
        {
            throw new ArgumentException($"Model '{ModelId}' takes one input in '{parameter.WireName}', but {option} holds {urls.Count}.", option);
        }
    }

    /// <summary>Model-specific parameters: every key not reserved for the adapter, as JSON (overriding mapped values).</summary>
    public void AddAdditional(AdditionalPropertiesDictionary? additional)
    {
        if (additional is null)
        {
            return;
        }

        foreach (var (key, value) in additional)
        {
            if (!key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            {
                _parameters[key] = ToJson(value);
            }
        }
    }

    /// <summary>
    /// Reads the parameters as the model's request through its <c>TryParse</c>, so every rule of its schema
    /// applies; violations become one <see cref="ArgumentException"/> naming the model and each parameter.
    /// </summary>
    public IKieRequest Build(string option)
    {
        using var document = JsonDocument.Parse(_parameters.ToJsonString());
        if (_entry.TryParse(document.RootElement, out var request, out var errors))
        {
            return request;
        }

        throw new ArgumentException(
            $"Model '{ModelId}' rejects the request: {string.Join("; ", errors.Select(e => e.ToString()))}.", option);
    }

    /// <summary>The JSON of a value from <c>AdditionalProperties</c>, serialized the way Microsoft.Extensions.AI does.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string text => JsonValue.Create(text),
        _ => JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };

    /// <summary>A value reserved for the adapter (<c>kie.progress</c>, ...), typed, or null.</summary>
    public static T? Reserved<T>(AdditionalPropertiesDictionary? additional, string key)
        where T : class =>
        additional is not null && additional.TryGetValue(key, out var value) ? value as T : null;
}
