using System.Collections.Immutable;
using System.Threading.Tasks;
using KieGen.Generator.Analysis;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Generator.Tests;

/// <summary>KIE1xx: constant values checked at compile time against the catalog's compiled [KieParameter] limits.</summary>
public class AnalyzerTests
{
    private static readonly string Long = new('x', 1001);

    private static async Task<IReadOnlyList<Diagnostic>> Analyze(string body)
    {
        var code = $$"""
            using System.Collections.Generic;
            using KieGen.Models.Video;
            using KieGen.Models.Music;
            public static class Use
            {
                const string Half = "{{new string('x', 501)}}";
                public static void Run(string variable, long number, List<string> list, string[] array)
                {
                    {{body}}
                }
            }
            """;
        var compilation = GeneratorHarness.Compilation(code);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzed = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantValueAnalyzer()));
        return await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    private static string Kling(string members) =>
        "_ = new Kling2_6ImageToVideoRequest { Sound = false, Duration = Kling2_6ImageToVideoDuration.Seconds5, " + members + " };";

    [Fact]
    public async Task A_constant_prompt_over_the_limit_is_KIE101_naming_model_parameter_limit_and_length_at_the_value()
    {
        var found = Assert.Single(await Analyze(Kling($"Prompt = \"{Long}\", ImageUrls = [\"https://e.com/a.png\"]")));
        Assert.Equal("KIE101", found.Id);
        Assert.Equal(DiagnosticSeverity.Error, found.Severity);
        Assert.Equal("kling-2.6/image-to-video: 'prompt' allows at most 1000 characters; this value has 1001", found.GetMessage());
        Assert.StartsWith("\"xxx", found.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString(found.Location.SourceSpan));
    }

    [Theory]
    [InlineData("Prompt = Half + Half")]                       // folded from other constants
    [InlineData("Prompt = $\"{Half}{Half}\"")]                  // constant interpolated string
    public async Task Constants_folded_from_other_constants_are_checked(string member)
    {
        Assert.Equal("KIE101", Assert.Single(await Analyze(Kling(member + ", ImageUrls = [\"https://e.com/a.png\"]"))).Id);
    }

    [Theory]
    [InlineData("Prompt = variable")]
    [InlineData("Prompt = new string('x', 2000)")]
    [InlineData("Prompt = Half")]
    public async Task Non_constant_or_valid_values_are_left_alone(string member)
    {
        Assert.Empty(await Analyze(Kling(member + ", ImageUrls = [\"https://e.com/a.png\"]")));
    }

    [Fact]
    public async Task Builder_calls_are_checked_like_initializers()
    {
        var found = await Analyze($"""
            Kling2_6ImageToVideoRequest.CreateBuilder().WithPrompt("{Long}").WithImageUrls("https://e.com/a.png", "https://e.com/b.png");
            Kling2_6ImageToVideoRequest.CreateBuilder().WithPrompt(variable).WithImageUrls(array).WithImageUrls(list);
            """);
        Assert.Equal(new[] { "KIE101", "KIE105" }, found.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task A_string_below_its_minimum_length_is_KIE102()
    {
        var code = "_ = new KieGen.Models.Video.PixverseV6TextToVideoRequest { Prompt = \"{0}\", AspectRatio = default, Quality = default, Duration = 5 };";
        Assert.Equal("KIE102", Assert.Single(await Analyze(code.Replace("{0}", "ab"))).Id);
        Assert.DoesNotContain(await Analyze(code.Replace("{0}", "abc")), d => d.Id == "KIE102");
    }

    [Theory]
    [InlineData("5", "KIE103", "veo3.1/extend: 'seeds' must be at least 10000; this value is 5")]
    [InlineData("100000", "KIE103", "veo3.1/extend: 'seeds' must be at most 99999; this value is 100000")]
    [InlineData("12345", null, null)]
    [InlineData("number", null, null)]
    [InlineData("10000 + 2 * 100", null, null)]
    public async Task Numbers_outside_their_range_are_KIE103(string value, string? id, string? message)
    {
        var found = await Analyze($"_ = new Veo3_1ExtendRequest {{ TaskId = \"t\", Prompt = \"p\", Seeds = {value} }};");
        Assert.Equal(id, found.SingleOrDefault()?.Id);
        Assert.Equal(message, found.SingleOrDefault()?.GetMessage());
    }

    [Theory]
    [InlineData("0.655", "KIE104")]
    [InlineData("0.65", null)]
    [InlineData("1.5", "KIE103")]
    public async Task Numbers_off_their_step_are_KIE104(string value, string? id)
    {
        var found = await Analyze($"_ = SunoAddVocalsRequest.CreateBuilder().WithAudioWeight({value});");
        Assert.Equal(id, found.SingleOrDefault()?.Id);
    }

    [Theory]
    [InlineData("ImageUrls = [\"https://e.com/a.png\", \"https://e.com/b.png\"]", "KIE105")]
    [InlineData("ImageUrls = new[] { \"https://e.com/a.png\", \"https://e.com/b.png\" }", "KIE105")]
    [InlineData("ImageUrls = []", "KIE106")]
    [InlineData("ImageUrls = new string[0]", "KIE106")]
    [InlineData("ImageUrls = list", null)]
    [InlineData("ImageUrls = [..array]", null)]
    [InlineData("ImageUrls = [\"https://e.com/a.png\"]", null)]
    public async Task Collections_with_too_many_or_too_few_items_are_KIE105_and_KIE106(string member, string? id)
    {
        var found = await Analyze(Kling("Prompt = \"p\", " + member));
        Assert.Equal(id, found.SingleOrDefault()?.Id);
    }

    [Fact]
    public async Task A_constant_that_is_not_an_absolute_url_is_KIE107_for_strings_and_collection_items()
    {
        var found = await Analyze("""
            _ = new KieGen.Models.Video.LumaModifyVideoRequest { Prompt = "p", VideoUrl = "videos/clip.mp4" };
            _ = new KieGen.Models.Video.LumaModifyVideoRequest { Prompt = "p", VideoUrl = "https://e.com/clip.mp4" };
            _ = new KieGen.Models.Video.LumaModifyVideoRequest { Prompt = "p", VideoUrl = variable };
            """ + Kling("Prompt = \"p\", ImageUrls = [\"not a url\"]"));
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal("KIE107", d.Id));
        Assert.Contains(found, d => d.GetMessage() == "kling-2.6/image-to-video: 'image_urls' must be an absolute URL; \"not a url\" is not");
        Assert.Contains(found, d => d.GetMessage() == "luma/modify-video: 'videoUrl' must be an absolute URL; \"videos/clip.mp4\" is not");
    }

    [Fact]
    public async Task Code_without_KieGen_parameters_is_not_analyzed()
    {
        Assert.Empty(await Analyze("var s = new System.Text.StringBuilder(); s.Append(\"" + Long + "\");"));
    }
}
