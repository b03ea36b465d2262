using System.Diagnostics.CodeAnalysis;
using KieGen.Models;
using KieGen.Models.Video;
using KieGen.Requests;
using KieGen.Testing.Tests.Infrastructure;
using KieGen.Validation;

namespace KieGen.Testing.Tests;

/// <summary>With its catalog on, the fake validates like Kie, not stricter: only errors are refused, warnings pass.</summary>
public class ValidationPolicyTests
{
    /// <summary>
    /// Kling 2.6 as a schema with <c>"x-kie-advisory": {"maxLength": ...}</c> on <c>prompt</c> reads it: the catalog
    /// type's findings, with a prompt over its documented length a warning.
    /// </summary>
    private sealed class AdvisedKling : IKieRequest<AdvisedKling>
    {
        private Kling2_6ImageToVideoRequest _inner = null!;

        public static KieModelInfo KieModel => Kling2_6ImageToVideoRequest.KieModel;

        public KieModelInfo ModelInfo => KieModel;

        public IReadOnlyList<KieValidationError> Validate() => Advise(_inner.Validate());

        public void WriteProperties(Utf8JsonWriter writer) => _inner.WriteProperties(writer);

        public static bool TryParse(JsonElement json, [NotNullWhen(true)] out AdvisedKling? request, out IReadOnlyList<KieValidationError> errors)
        {
            Kling2_6ImageToVideoRequest.TryParse(json, out var inner, out var found);
            errors = Advise(found);
            request = inner is not null || !errors.Any(e => e.IsError) ? new AdvisedKling { _inner = inner! } : null;
            return request is not null && !errors.Any(e => e.IsError);
        }

        private static List<KieValidationError> Advise(IEnumerable<KieValidationError> found) =>
            found.Select(e => e.Path == "prompt" && e.Keyword == "maxLength" ? e.AsWarning("accepted up to 2500 in 2026-03") : e).ToList();
    }

    private static KieModelCatalog Catalog() => KieGenCatalog.Models.With(new KieModelCatalog([KieCatalogEntry.For<AdvisedKling>()]));

    private static string Body(string prompt, string duration) =>
        "{\"model\":\"kling-2.6/image-to-video\",\"input\":{\"prompt\":\"" + prompt +
        "\",\"image_urls\":[\"https://e.com/a.png\"],\"sound\":false,\"duration\":\"" + duration + "\"}}";

    [Fact]
    public async Task A_body_with_only_warnings_creates_a_task()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = Catalog());
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", Body(new string('x', 1200), "5"));
        Assert.Equal((HttpStatusCode.OK, 200), (status, body.GetProperty("code").GetInt32()));
        Assert.Single(kie.Server.Tasks);
    }

    [Fact]
    public async Task A_body_with_an_error_beside_a_warning_is_code_422_as_Kie_answers_it_naming_only_the_error()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = Catalog());
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", Body(new string('x', 1200), "7"));
        Assert.Equal((HttpStatusCode.OK, 422), (status, body.GetProperty("code").GetInt32()));
        var message = body.GetProperty("msg").GetString()!;
        Assert.StartsWith("input.duration: '7' is not allowed", message);
        Assert.DoesNotContain("prompt", message);
        Assert.Empty(kie.Server.Tasks);
    }
}
