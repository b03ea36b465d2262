using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KieGen.Generator.Tests.Infrastructure;
using KieGen.Requests;
using KieGen.Validation;

namespace KieGen.Generator.Tests;

/// <summary>
/// Issue 24 item 5: enum and const strings that JSON writers escape (<c>+</c>, <c>&lt;</c>, <c>&amp;</c>, quotes,
/// backslash, an emoji, non-ASCII). Every listed value is accepted by TryParse and TryParseBody, by Validate() and by
/// the builder, written as JSON that reads back as the same string, and read back again. Schema:
/// <c>Corpus/valid-values/escaped-values.kie.json</c> (also compiled strictly by <see cref="CorpusTests"/>).
/// </summary>
public class EscapedValueTests
{
    public static readonly string[] Choices = { "+1", "<b>&</b>", "\"quoted\"", "back\\slash", "🎬 clap", "größe", "plain" };

    private static readonly Lazy<Type> Request = new(() =>
    {
        var root = typeof(EscapedValueTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        var path = Path.Combine(root, "Corpus", "valid-values", "escaped-values.kie.json");
        var build = StrictBuild.Run(new[] { new SchemaText("escaped-values.kie.json", File.ReadAllText(path)) });
        Assert.Empty(build.GeneratorDiagnostics);
        Assert.Empty(build.CompileProblems);
        return build.Load().GetType("Consumer.Kie.Video.OddEscapedValuesRequest", throwOnError: true)!;
    });

    public static TheoryData<string, string> ListedValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var choice in Choices)
        {
            data.Add("choice", choice);
        }

        foreach (var value in new[] { "+2", "été", "🎬" })
        {
            data.Add("escaped_in_file", value);
        }

        data.Add("fixed", "größe & <mehr>");
        data.Add("loose", "+1");
        data.Add("loose", "<b>&</b>");
        data.Add("loose", "größe");
        data.Add("wide", "<b>&</b>");
        return data;
    }

    [Theory]
    [MemberData(nameof(ListedValues))]
    public void Listed_value_parses_validates_writes_and_reads_back_as_the_same_string(string member, string value)
    {
        var parameters = new JsonObject { ["choice"] = "plain", [member] = value, ["picks"] = new JsonArray("+1", "größe", "🎬 clap") };
        var written = Invoke<string>(nameof(RoundTrip), parameters.ToJsonString());

        using var document = JsonDocument.Parse(written);
        Assert.Equal(value, document.RootElement.GetProperty(member).GetString());
        Assert.Equal(new[] { "+1", "größe", "🎬 clap" }, document.RootElement.GetProperty("picks").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("choice", "+ 1")]
    [InlineData("choice", "Größe")]
    [InlineData("choice", "\\u002B1")] // the escaped spelling as text is not the value
    [InlineData("fixed", "größe")]
    [InlineData("wide", "+1")] // in the enum, but not the const
    [InlineData("loose", "+2")]
    public void Unlisted_value_is_rejected_naming_it(string member, string value)
    {
        var parameters = new JsonObject { ["choice"] = "plain", [member] = value };
        var errors = Invoke<IReadOnlyList<KieValidationError>>(nameof(Rejected), parameters.ToJsonString());
        var error = Assert.Single(errors);
        Assert.Equal(member, error.Path);
    }

    [Fact]
    public void Builder_accepts_every_member_of_the_generated_enum_and_writes_its_listed_value()
    {
        var enumType = Request.Value.GetProperty("Choice")!.PropertyType;
        var members = Enum.GetValues(enumType).Cast<object>().ToList();
        Assert.Equal(Choices.Length, members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var builder = Request.Value.GetMethod("CreateBuilder")!.Invoke(null, null)!;
            builder = builder.GetType().GetMethod("WithChoice")!.Invoke(builder, new[] { members[i] })!;
            var request = (IKieRequest)builder.GetType().GetMethod("Build", Type.EmptyTypes)!.Invoke(builder, null)!;
            Assert.Empty(request.Validate());
            using var document = JsonDocument.Parse(request.ToJsonParameters());
            Assert.Equal(Choices[i], document.RootElement.GetProperty("choice").GetString());
            var attribute = enumType.GetField(members[i].ToString()!)!.GetCustomAttribute<KieEnumValueAttribute>()!;
            Assert.Equal(Choices[i], attribute.WireValue);
        }
    }

    private static T Invoke<T>(string name, string json) =>
        (T)typeof(EscapedValueTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(Request.Value).Invoke(null, new object[] { json })!;

    /// <summary>TryParse, Validate, the parameters written and parsed again, and the whole body through TryParseBody.</summary>
    private static string RoundTrip<T>(string json)
        where T : class, IKieRequest<T>
    {
        using var input = JsonDocument.Parse(json);
        Assert.True(T.TryParse(input.RootElement, out var request, out var errors), string.Join("; ", errors));
        Assert.Empty(request.Validate());

        var written = request.ToJsonParameters();
        using var again = JsonDocument.Parse(written);
        Assert.True(KieGen.Requests.Support.KieJson.DeepEquals(input.RootElement, again.RootElement), System.Text.Encoding.UTF8.GetString(written));
        Assert.True(T.TryParse(again.RootElement, out _, out errors), string.Join("; ", errors));

        using var body = JsonDocument.Parse(request.ToJsonBody("https://example.com/callback"));
        Assert.True(T.TryParseBody(body.RootElement, out _, out errors), string.Join("; ", errors));
        return System.Text.Encoding.UTF8.GetString(written);
    }

    private static IReadOnlyList<KieValidationError> Rejected<T>(string json)
        where T : class, IKieRequest<T>
    {
        using var input = JsonDocument.Parse(json);
        Assert.False(T.TryParse(input.RootElement, out _, out var errors));
        return errors;
    }
}
