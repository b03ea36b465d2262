using System.Reflection;
using System.Text;
using System.Text.Json;
using KieGen.Requests;
using KieGen.Validation;

namespace KieGen.Generator.Tests;

/// <summary>
/// TryParse never throws: 100,000 seeded, mutated inputs (lone surrogates, invalid UTF-8, nesting beyond the reader's
/// limit, huge numbers, truncation, wrong types) go through every compiled catalog type, as bytes and as a JsonElement.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private const int Seed = 20261121;

    private delegate bool SpanParser<T>(ReadOnlySpan<byte> utf8Json, out T? request, out IReadOnlyList<KieValidationError> errors);

    /// <summary>Values that have broken parsers before: undecodable text, numbers beyond long and double, deep nesting, escaped text.</summary>
    private static readonly string[] Nasty =
    {
        "\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud800\\ud800\"", "\"\"", "\"" + new string('a', 5000) + "\"", "\"https://example.com/a.png\"",
        "0", "-0", "1.5", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "1e-400", "12345678901234567890123",
        "true", "false", "null", "[]", "{}", "[\"\\ud800\"]", "{\"\\ud800\": 1}", "[1, \"a\", null, {}]",
        new string('[', 70) + new string(']', 70), new string('[', 1000) + new string(']', 1000),
        "{\"a\": " + new string('[', 63) + new string(']', 63) + "}",
        // Text that JSON writers escape (issue 24 item 5): read as itself, never as its escaped spelling.
        "\"+1\"", "\"\\u002B1\"", "\"<b>&</b>\"", "\"\\\"quoted\\\"\"", "\"back\\\\slash\"", "\"🎬 clap\"", "\"\\ud83c\\udfac\"", "\"größe\"",
    };

    [Fact]
    public void Catalog_TryParse_never_throws_on_mutated_input()
    {
        var random = new Random(Seed);
        var entries = KieGen.Models.KieGenCatalog.Models.OrderBy(e => e.Model.ModelId, StringComparer.Ordinal).ToList();
        var perModel = (Inputs + entries.Count - 1) / entries.Count;
        var totals = new int[3]; // inputs, accepted, valid JSON
        foreach (var entry in entries)
        {
            var run = typeof(FuzzTests).GetMethod(nameof(Run), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entry.RequestType);
            var counts = (int[])run.Invoke(null, new object[] { entry, random, perModel })!;
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += counts[i];
            }
        }

        output.WriteLine($"{totals[0]} inputs over {entries.Count} models: {totals[2]} valid JSON, {totals[1]} accepted requests.");
        Assert.True(totals[0] >= Inputs);
        Assert.True(totals[2] > 0 && totals[2] < totals[0], "the mutations must produce both valid and invalid JSON");
    }

    private static int[] Run<T>(KieCatalogEntry entry, Random random, int count)
        where T : class, IKieRequest<T>
    {
        var span = typeof(T).GetMethod("TryParse", new[] { typeof(ReadOnlySpan<byte>), typeof(T).MakeByRefType(), typeof(IReadOnlyList<KieValidationError>).MakeByRefType() })!;
        var parse = (SpanParser<T>)Delegate.CreateDelegate(typeof(SpanParser<T>), span);
        var names = typeof(T).GetProperties()
            .Select(p => p.GetCustomAttribute<KieParameterAttribute>()?.WireName)
            .OfType<string>()
            .ToArray();
        var counts = new int[3];
        for (var i = 0; i < count; i++)
        {
            var bytes = Mutate(Input(names, random), random);
            counts[0]++;
            var input = Encoding.UTF8.GetString(bytes);
            try
            {
                if (parse(bytes, out var request, out var errors))
                {
                    counts[1]++;
                    Assert.NotNull(request);
                }
                else
                {
                    Assert.NotEmpty(errors);
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(bytes);
                }
                catch (JsonException)
                {
                    continue;
                }

                using (document)
                {
                    counts[2]++;
                    entry.TryParse(document.RootElement, out _, out _);
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{typeof(T).Name}.TryParse threw {e.GetType().Name} on {input}: {e.Message}");
            }
        }

        return counts;
    }

    /// <summary>An object with the model's own parameter names (so reads go deep), valued from the nasty list or plausible values.</summary>
    private static string Input(string[] names, Random random)
    {
        var builder = new StringBuilder("{");
        foreach (var name in names.Where(_ => random.Next(4) != 0))
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(name)).Append(':').Append(Value(random));
        }

        if (random.Next(8) == 0)
        {
            builder.Append(builder.Length > 1 ? "," : "").Append("\"\\udbff\":").Append(Value(random));
        }

        return builder.Append('}').ToString();
    }

    private static string Value(Random random) => random.Next(3) switch
    {
        0 => Nasty[random.Next(Nasty.Length)],
        1 => random.Next(-5, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "\"" + (random.Next(2) == 0 ? "16:9" : "https://example.com/" + random.Next(100)) + "\"",
    };

    /// <summary>Byte-level damage: invalid UTF-8 (a lone continuation byte, an overlong lead), truncation, a stray byte.</summary>
    private static byte[] Mutate(string json, Random random)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(json));
        var mutations = random.Next(4);
        for (var m = 0; m < mutations && bytes.Count > 1; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = 0x80; break;
                case 1: bytes.Insert(at, 0xC0); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.Insert(at, (byte)random.Next(0x20, 0x7F)); break;
            }
        }

        return bytes.ToArray();
    }
}
