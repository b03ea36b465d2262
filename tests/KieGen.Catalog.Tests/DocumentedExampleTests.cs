using KieGen.Catalog.Tests.Infrastructure;
using KieGen.Requests.Support;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>
/// Every request example in Kie's documentation is valid for its catalog model and round-trips through the generated
/// type to equivalent JSON. An example the catalog rejects is a catalog bug, not a test to relax.
/// </summary>
public class DocumentedExampleTests
{
    /// <summary>(model, index) of every example.</summary>
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var entry in ReferenceModels.Tasks.OrderBy(ReferenceModels.Id, StringComparer.Ordinal))
        {
            var model = ReferenceModels.Id(entry);
            for (var i = 0; i < entry.GetProperty("examples").GetArrayLength(); i++)
            {
                data.Add(model, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_is_valid_and_serializes_back_to_equivalent_json(string model, int index)
    {
        var example = Example(model, index);
        var entry = KieGenCatalog.Models[Target(model, index)];
        var (parameters, callback) = Split(entry.Model, example);

        Assert.True(entry.TryParse(parameters, out var request, out var errors),
            $"{model} rejects its documented example:\n" + string.Join("\n", errors));

        using var written = JsonDocument.Parse(request.ToJsonBody(callback));
        Assert.True(KieJson.DeepEquals(example, written.RootElement),
            $"Round trip differs.\nexample: {example.GetRawText()}\nwritten: {written.RootElement.GetRawText()}");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_without_a_required_parameter_is_rejected_naming_it(string model, int index)
    {
        var example = Example(model, index);
        var entry = KieGenCatalog.Models[Target(model, index)];
        var (parameters, _) = Split(entry.Model, example);
        var required = CatalogFiles.Get(entry.Model.ModelId).Input.TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).ToList()
            : new List<string>();

        foreach (var name in required)
        {
            var without = Without(parameters, name);
            Assert.False(entry.TryParse(without, out _, out var errors), $"{model} accepted the example without '{name}'");
            Assert.Contains(errors, e => e.Path == name && e.Keyword == "required");
        }
    }

    private static string Target(string model, int index) =>
        KnownQuirks.ExamplesOfOtherModels.TryGetValue((model, index), out var other) ? other : model;

    private static JsonElement Example(string model, int index)
    {
        var example = ReferenceModels.Get(model).GetProperty("examples")[index];
        return RenameQuirkyKeys(model, example);
    }

    /// <summary>Market: <c>{model, callBackUrl, input}</c>; other families: the parameters beside the callback field.</summary>
    private static (JsonElement Parameters, string? Callback) Split(KieModelInfo info, JsonElement example)
    {
        var callback = example.TryGetProperty(info.CallbackField, out var url) ? url.GetString() : null;
        if (info.BodyStyle == KieBodyStyle.Input)
        {
            Assert.Equal(info.ModelId, example.GetProperty("model").GetString());
            return (example.GetProperty("input"), callback);
        }

        return (Without(example, info.CallbackField), callback);
    }

    private static JsonElement Without(JsonElement json, string name) =>
        Rebuild(json.EnumerateObject().Where(p => p.Name != name).Select(p => (p.Name, p.Value)));

    private static JsonElement RenameQuirkyKeys(string model, JsonElement example)
    {
        var renames = KnownQuirks.ExampleKeys.Where(q => q.Key.Model == model).ToDictionary(q => q.Key.DocKey, q => q.Value);
        if (renames.Count == 0)
        {
            return example;
        }

        var input = example.GetProperty("input");
        foreach (var docKey in renames.Keys)
        {
            Assert.True(input.TryGetProperty(docKey, out _), $"the example of {model} no longer has the key '{docKey}': drop the quirk");
        }

        var renamed = Rebuild(input.EnumerateObject().Select(p => (renames.GetValueOrDefault(p.Name, p.Name), p.Value)));
        return Rebuild(example.EnumerateObject().Select(p => (p.Name, p.Name == "input" ? renamed : p.Value)));
    }

    private static JsonElement Rebuild(IEnumerable<(string Name, JsonElement Value)> members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }
}
