using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KieGen.Generator.Tests.Infrastructure;
using KieGen.Requests;
using KieGen.Validation;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// The official JSON Schema test suite (draft 2020-12, the files for the keywords KieGen supports), run against the
/// validation KieGen generates. Each group's schema becomes the single required parameter <c>value</c> of a model,
/// each test's data becomes <c>{"value": data}</c>. A group whose schema uses something KieGen does not support is
/// skipped with the generator's own diagnostic as the reason; the suite's files are never edited. A group's
/// <c>$defs</c>/<c>definitions</c> move to the model file's own (where <c>#/$defs/...</c> resolves in a schema file).
/// The suite is external (<see cref="JsonSchemaSuite"/>): without it every test here is reported as skipped, saying
/// where to put it; a suite copy without the files of a format keyword (oneOf, anyOf, allOf, ref, defs, dependentRequired,
/// if-then-else) reports those
/// as skipped, naming the folder.
/// </summary>
public class ConformanceTests
{
    private const int SuiteMissing = -1;

    /// <summary>The format keywords (issues 12 and 24) whose suite files must run (or be skipped with the reason).</summary>
    private static readonly string[] FormatKeywordFiles =
    {
        "oneOf.json", "anyOf.json", "allOf.json", "ref.json", "defs.json", "const.json", "dependentRequired.json", "if-then-else.json",
    };

    private static readonly Lazy<Suite> Compiled = new(Suite.Build);

    public static TheoryData<string, int, string> Groups()
    {
        var data = new TheoryData<string, int, string>();
        if (JsonSchemaSuite.Draft2020Directory is null)
        {
            // One row that reports the skip, so a clone without the suite sees why nothing ran.
            data.Add("(JSON Schema Test Suite)", SuiteMissing, "not found");
            return data;
        }

        foreach (var (file, index, group) in Suite.ReadGroups())
        {
            data.Add(file, index, group["description"]!.GetValue<string>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_validates_as_the_suite_expects(string file, int index, string description)
    {
        if (index == SuiteMissing)
        {
            Assert.Skip(JsonSchemaSuite.MissingReason);
        }

        var suite = Compiled.Value;
        var modelId = Suite.ModelId(file, index);
        if (suite.SkipReasons.TryGetValue(modelId, out var reason))
        {
            Assert.Skip("Unsupported by KieGen: " + reason);
        }

        var tryParse = suite.TryParse[modelId];
        var group = Suite.ReadGroups().Single(g => g.File == file && g.Index == index).Group;
        var failures = new List<string>();
        foreach (var test in group["tests"]!.AsArray())
        {
            var wrapped = new JsonObject { ["value"] = test!["data"]?.DeepClone() };
            using var document = JsonDocument.Parse(wrapped.ToJsonString());
            var arguments = new object?[] { document.RootElement, null, null };
            var valid = (bool)tryParse.Invoke(null, arguments)!;
            var expected = test["valid"]!.GetValue<bool>();
            if (valid != expected)
            {
                var errors = (IReadOnlyList<KieValidationError>)arguments[2]!;
                failures.Add($"'{test["description"]}': expected {(expected ? "valid" : "invalid")}, got {(valid ? "valid" : "invalid: " + string.Join("; ", errors))}");
            }
        }

        Assert.True(failures.Count == 0, description + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Most_groups_of_the_supported_keywords_run()
    {
        if (JsonSchemaSuite.Draft2020Directory is null)
        {
            Assert.Skip(JsonSchemaSuite.MissingReason);
        }

        var suite = Compiled.Value;
        var total = Suite.ReadGroups().Count();
        Assert.True(total > 80, $"only {total} groups found in {JsonSchemaSuite.Draft2020Directory}");
        Assert.True(suite.TryParse.Count * 2 > total, $"only {suite.TryParse.Count} of {total} groups run; skipped: {string.Join(", ", suite.SkipReasons.Keys)}");
    }

    [Theory]
    [MemberData(nameof(KeywordFiles))]
    public void Suite_file_for_a_format_keyword_is_present(string file)
    {
        if (!Suite.Files().Any(f => Path.GetFileName(f) == file))
        {
            Assert.Skip(JsonSchemaSuite.Draft2020Directory is null
                ? JsonSchemaSuite.MissingReason
                : $"{file} is not in the suite at '{JsonSchemaSuite.Draft2020Directory}': add the draft2020-12 file there, or point {JsonSchemaSuite.Variable} at a full copy of the suite");
        }

        Assert.Contains(Suite.ReadGroups(), g => g.File == file);
    }

    public static TheoryData<string> KeywordFiles() => new(FormatKeywordFiles);

    private sealed record Suite(IReadOnlyDictionary<string, string> SkipReasons, IReadOnlyDictionary<string, MethodInfo> TryParse)
    {
        public static string ModelId(string file, int index) => "conformance/" + Path.GetFileNameWithoutExtension(file) + "/" + index;

        public static IEnumerable<(string File, int Index, JsonNode Group)> ReadGroups()
        {
            foreach (var path in Files())
            {
                var groups = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
                for (var i = 0; i < groups.Count; i++)
                {
                    yield return (Path.GetFileName(path), i, groups[i]!);
                }
            }
        }

        /// <summary>The suite's draft 2020-12 files in ordinal order; none when the suite is not on this machine.</summary>
        public static IEnumerable<string> Files() =>
            JsonSchemaSuite.Draft2020Directory is { } directory
                ? Directory.GetFiles(directory, "*.json").OrderBy(Path.GetFileName, StringComparer.Ordinal)
                : Enumerable.Empty<string>();

        public static Suite Build()
        {
            var files = new List<AdditionalText>();
            foreach (var (file, index, group) in ReadGroups())
            {
                var schema = group["schema"]!.DeepClone();
                var definitions = new List<(string Keyword, JsonNode Value)>();
                if (schema is JsonObject root)
                {
                    foreach (var keyword in new[] { "$defs", "definitions" })
                    {
                        if (root[keyword] is { } value)
                        {
                            root.Remove(keyword);
                            definitions.Add((keyword, value));
                        }
                    }
                }

                var model = new JsonObject
                {
                    ["model"] = ModelId(file, index),
                    ["family"] = "market",
                    ["category"] = "conformance",
                    ["result"] = "object",
                    ["input"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["value"] = schema },
                        ["required"] = new JsonArray("value"),
                    },
                };
                foreach (var (keyword, value) in definitions)
                {
                    model[keyword] = value;
                }

                files.Add(new SchemaText($"conformance/{file}.{index}.kie.json", model.ToJsonString()));
            }

            var result = GeneratorHarness.Run(files);
            var skips = new Dictionary<string, string>();
            foreach (var diagnostic in result.GeneratorDiagnostics)
            {
                var path = diagnostic.Location.GetLineSpan().Path;
                var match = System.Text.RegularExpressions.Regex.Match(path, @"conformance/(.+)\.json\.(\d+)\.kie\.json$");
                var id = ModelId(match.Groups[1].Value + ".json", int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
                skips.TryAdd(id, diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Empty(result.CompileProblems());
            var assembly = GeneratorHarness.Load(result.Output);
            var methods = new Dictionary<string, MethodInfo>();
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetCustomAttribute<KieModelAttribute>() is { } attribute)
                {
                    methods[attribute.ModelId] = type.GetMethod("TryParse", new[] { typeof(JsonElement), type.MakeByRefType(), typeof(IReadOnlyList<KieValidationError>).MakeByRefType() })!;
                }
            }

            return new Suite(skips, methods);
        }
    }
}
