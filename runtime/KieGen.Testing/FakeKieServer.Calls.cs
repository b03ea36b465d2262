using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Testing;

/// <summary>
/// Kie's synchronous endpoints: every model of the fake's catalog with a call path (<c>endpoint.call</c> in its schema
/// file) is served there and answered at once, no task to poll. A body is checked as Kie checks it (with
/// <see cref="FakeKieOptions.Catalog"/> set, fully against the model's schema, errors only; otherwise for its required
/// members), counts against the key's create limit, costs <see cref="FakeKieOptions.CreditsPerTask"/> (style boost:
/// the 0.4 credits Kie charged), and is answered with <c>data</c> built from the model's <c>output</c>.
/// </summary>
public sealed partial class FakeKieServer
{
    /// <summary>The served synchronous endpoints by path; the caller's catalog shadows the compiled one.</summary>
    private Dictionary<string, KieCatalogEntry> CallRoutes() =>
        _routes.Where(e => e.Model.CallPath is not null)
            .GroupBy(e => e.Model.CallPath!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => _options.Catalog?.FirstOrDefault(e => e.Model.CallPath == g.Key) ?? g.OrderBy(e => e.Model.ModelId, StringComparer.Ordinal).First(), StringComparer.Ordinal);

    private Reply Call(KieCatalogEntry entry, string key, string body, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reply.Error(422, "The request body must be a JSON object");
        }

        if (_options.Catalog is not null)
        {
            if (!entry.TryParse(root, out _, out var errors))
            {
                return Reply.Error(422, Describe(errors.Where(e => e.IsError).ToList(), "")); // like Kie: warnings never reject
            }
        }
        else if (MissingRequired(entry, root) is { } missing)
        {
            return missing;
        }

        var style = entry.Model.CallPath == StylePath;
        if (style && StyleProblem(root) is { } refused)
        {
            return refused;
        }

        var price = style ? StyleCredits : _options.CreditsPerTask;
        string id;
        decimal remaining;
        lock (_gate)
        {
            if (!Admit(_createWindows, key, _options.CreateLimit, _options.CreateWindow, now))
            {
                return RateLimited(_options.RetryAfter);
            }

            if (_credits[key] < price)
            {
                return Reply.Error(402, "Insufficient credits");
            }

            _credits[key] -= price;
            remaining = _credits[key];
            id = NewTaskId();
        }

        var request = root.Clone();
        return style
            ? Reply.Ok(w => WriteStyle(w, request, id, remaining, now))
            : Reply.Ok(w => WriteOutput(w, entry.Output, request, id, now));
    }

    /// <summary>
    /// A <c>data</c> object with every member the output declares: a request member of the same name and JSON kind
    /// is echoed (Gemini Omni Audio answers the <c>name</c> it was given), an id gets a fresh id, a time the call's
    /// time; otherwise an enum's first value, <c>"fake &lt;name&gt;"</c>, 0, true, [] or {}; an untyped member null.
    /// </summary>
    private static void WriteOutput(Utf8JsonWriter w, IReadOnlyList<KieParameterInfo> output, JsonElement request, string id, DateTimeOffset now)
    {
        w.WriteStartObject();
        foreach (var member in output)
        {
            w.WritePropertyName(member.WireName);
            if (request.TryGetProperty(member.WireName, out var given) && Kind(member.Type) is { } kind && kind.Contains(given.ValueKind))
            {
                given.WriteTo(w);
                continue;
            }

            switch (member.Type)
            {
                case KieParameterType.String when member.EnumValues.Count > 0:
                    w.WriteStringValue(member.EnumValues[0]);
                    break;
                case KieParameterType.String when member.WireName.EndsWith("id", StringComparison.OrdinalIgnoreCase):
                    w.WriteStringValue(id);
                    break;
                case KieParameterType.String:
                    w.WriteStringValue("fake " + member.WireName);
                    break;
                case KieParameterType.Integer when member.WireName.Contains("time", StringComparison.OrdinalIgnoreCase):
                    w.WriteNumberValue(now.ToUnixTimeMilliseconds());
                    break;
                case KieParameterType.Integer or KieParameterType.Number:
                    w.WriteNumberValue(0);
                    break;
                case KieParameterType.Boolean:
                    w.WriteBooleanValue(true);
                    break;
                case KieParameterType.Array:
                    w.WriteStartArray();
                    w.WriteEndArray();
                    break;
                case KieParameterType.Object:
                    w.WriteStartObject();
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteNullValue();
                    break;
            }
        }

        w.WriteEndObject();

        static JsonValueKind[]? Kind(KieParameterType type) => type switch
        {
            KieParameterType.String => [JsonValueKind.String],
            KieParameterType.Boolean => [JsonValueKind.True, JsonValueKind.False],
            KieParameterType.Integer or KieParameterType.Number => [JsonValueKind.Number],
            _ => null,
        };
    }
}
