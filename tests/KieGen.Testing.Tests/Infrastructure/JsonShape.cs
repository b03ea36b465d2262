namespace KieGen.Testing.Tests.Infrastructure;

/// <summary>
/// Compares two JSON answers by shape, not values: the same member names and the same JSON kinds, recursively. A
/// string that holds a JSON object or array (Kie's <c>param</c>, <c>resultJson</c>, and the <c>input</c> inside
/// <c>param</c>) is compared as the JSON it holds; arrays by the shape of their first elements (lengths vary by
/// call); null against anything else is a difference. Booleans are one kind, numbers one kind.
/// </summary>
public static class JsonShape
{
    /// <summary>Every difference, as "path: what Kie has / what the fake has"; empty when the shapes match.</summary>
    public static IReadOnlyList<string> Differences(JsonElement kie, JsonElement fake)
    {
        var differences = new List<string>();
        Compare(kie, fake, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement kie, JsonElement fake, string path, List<string> differences)
    {
        var (kieJson, fakeJson) = (Nested(kie), Nested(fake));
        if (kieJson is not null || fakeJson is not null)
        {
            if (kieJson is null || fakeJson is null)
            {
                differences.Add($"{path}: Kie {Describe(kie)}, fake {Describe(fake)}");
                return;
            }

            using (kieJson)
            using (fakeJson)
            {
                Compare(kieJson.RootElement, fakeJson.RootElement, path + "<json>", differences);
            }

            return;
        }

        if (Kind(kie) != Kind(fake))
        {
            differences.Add($"{path}: Kie {Describe(kie)}, fake {Describe(fake)}");
            return;
        }

        switch (kie.ValueKind)
        {
            case JsonValueKind.Object:
                var fakeNames = fake.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var member in kie.EnumerateObject())
                {
                    if (fake.TryGetProperty(member.Name, out var other))
                    {
                        Compare(member.Value, other, path + "." + member.Name, differences);
                    }
                    else
                    {
                        differences.Add($"{path}.{member.Name}: missing at the fake (Kie {Describe(member.Value)})");
                    }
                }

                foreach (var name in fakeNames.Where(n => !kie.TryGetProperty(n, out _)))
                {
                    differences.Add($"{path}.{name}: only at the fake ({Describe(fake.GetProperty(name))})");
                }

                break;
            case JsonValueKind.Array when kie.GetArrayLength() > 0 && fake.GetArrayLength() > 0:
                Compare(kie[0], fake[0], path + "[0]", differences);
                break;
        }
    }

    /// <summary>The JSON a string holds, when it holds an object or an array.</summary>
    private static JsonDocument? Nested(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || text.TrimStart() is not ['{' or '[', ..])
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Nested(value) is { } json ? DisposeAnd(json, "JSON text") : Kind(value);

    private static string DisposeAnd(IDisposable disposable, string text)
    {
        disposable.Dispose();
        return text;
    }
}
