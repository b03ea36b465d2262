using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Models.Music;
using KieGen.Models.Video;
using KieGen.Requests;
using KieGen.Validation;
using Microsoft.Extensions.Configuration;

namespace KieGen.Client.Tests;

/// <summary>
/// The validation policy on submit: errors are refused before anything is sent; warnings (limits a schema marks
/// x-kie-advisory, values it marks x-enumDeprecated) are sent and logged through the client's logger with their reason;
/// StrictValidation refuses them.
/// </summary>
public class ValidationPolicyTests
{
    private const string Reason = "Kie's page says 1000; accepted bodies up to 2500 recorded 2026-03";

    /// <summary>
    /// Kling 2.6 as a schema with <c>"x-kie-advisory": {"maxLength": ...}</c> on <c>prompt</c> validates: the
    /// catalog type's findings, with a prompt over 1000 characters reported as a warning carrying the reason.
    /// </summary>
    private sealed class AdvisedKling(Kling2_6ImageToVideoRequest inner) : IKieRequest
    {
        public KieModelInfo ModelInfo => inner.ModelInfo;

        public IReadOnlyList<KieValidationError> Validate() =>
            inner.Validate().Select(e => e.Path == "prompt" && e.Keyword == "maxLength" ? e.AsWarning(Reason) : e).ToList();

        public void WriteProperties(Utf8JsonWriter writer) => inner.WriteProperties(writer);
    }

    private static AdvisedKling LongPrompt(int length = 1200, bool sound = false) => new(new Kling2_6ImageToVideoRequest
    {
        Prompt = new string('x', length),
        ImageUrls = ["https://example.com/a.png"],
        Sound = sound,
        Duration = Kling2_6ImageToVideoDuration.Seconds5,
    });

    [Fact]
    public async Task A_request_with_only_warnings_is_sent_and_each_warning_is_logged_with_its_reason()
    {
        await using var h = await Harness.StartAsync();
        var request = LongPrompt();
        Assert.Equal(KieValidationSeverity.Warning, Assert.Single(request.Validate()).Severity);

        var task = await h.Client.SubmitAsync(request, cancellationToken: TestContext.Current.CancellationToken);

        var created = Assert.Single(h.Server.Tasks);
        Assert.Equal(created.TaskId, task.TaskId);
        var warning = Assert.Single(h.Logs.Lines, l => l.Contains("validation warning", StringComparison.Ordinal));
        Assert.Equal("Warning ValidationWarning: Submitting kling-2.6/image-to-video with a validation warning at 'prompt': " +
                     "must be at most 1000 characters long (was 1200) (advisory: " + Reason + ") ", warning);
    }

    [Fact]
    public async Task A_discontinued_Suno_version_is_sent_and_logged_as_a_warning_naming_it_and_its_replacement()
    {
        await using var h = await Harness.StartAsync();
#pragma warning disable CS0618 // V5 on purpose: Kie labels it discontinued but may still accept it
        var request = new AiMusicApiGenerateRequest { CustomMode = false, Instrumental = true, Model = AiMusicApiGenerateModel.V5, Prompt = "a calm piano piece" };
#pragma warning restore CS0618

        var task = await h.Client.SubmitAsync(request, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Assert.Single(h.Server.Tasks).TaskId, task.TaskId);
        Assert.Contains("\"model\":\"V5\"", Encoding.UTF8.GetString(request.ToJsonParameters()), StringComparison.Ordinal);
        var warning = Assert.Single(h.Logs.Lines, l => l.Contains("validation warning", StringComparison.Ordinal));
        Assert.StartsWith("Warning ValidationWarning: Submitting ai-music-api/generate with a validation warning at 'model': " +
                          "\"V5\" is discontinued; use \"V6\" (advisory: Kie's docs label it \"(Discontinued)\" as of October 2026", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictValidation_refuses_a_warning_before_anything_is_sent()
    {
        await using var h = await Harness.StartAsync(client: o => o.StrictValidation = true);

        var e = await Assert.ThrowsAsync<KieValidationException>(() => h.Client.SubmitAsync(LongPrompt(), cancellationToken: TestContext.Current.CancellationToken));

        var finding = Assert.Single(e.Errors);
        Assert.Equal(("prompt", "maxLength", KieValidationSeverity.Warning, Reason), (finding.Path, finding.Keyword, finding.Severity, finding.Reason));
        Assert.Contains("warning: prompt: must be at most 1000 characters long (was 1200) (advisory: " + Reason + ")", e.Message);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task An_error_beside_a_warning_is_refused_listing_only_the_error_and_nothing_is_logged_or_sent()
    {
        await using var h = await Harness.StartAsync();
        var request = new AdvisedKling(new Kling2_6ImageToVideoRequest
        {
            Prompt = new string('x', 1200),
            ImageUrls = ["not a url"],
            Sound = false,
            Duration = Kling2_6ImageToVideoDuration.Seconds5,
        });

        var e = await Assert.ThrowsAsync<KieValidationException>(() => h.Client.SubmitAsync(request, cancellationToken: TestContext.Current.CancellationToken));

        var only = Assert.Single(e.Errors);
        Assert.Equal(("image_urls[0]", "format", KieValidationSeverity.Error), (only.Path, only.Keyword, only.Severity));
        Assert.Empty(h.Server.Requests);
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains("validation warning", StringComparison.Ordinal));
    }

    [Fact]
    public void EnsureValid_and_Validate_take_a_strict_flag()
    {
        var request = LongPrompt();
        Assert.Same(request, request.EnsureValid());
        Assert.Equal(KieValidationSeverity.Error, Assert.Single(request.Validate(strict: true)).Severity);
        Assert.Throws<KieValidationException>(() => request.EnsureValid(strict: true));
    }

    [Fact]
    public void StrictValidation_binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kie:StrictValidation"] = "true" })
            .Build();
        var options = new KieClientOptions();
        configuration.GetSection(KieClientOptions.SectionName).Bind(options);
        Assert.True(options.StrictValidation);
        Assert.False(new KieClientOptions().StrictValidation);
    }

    [Fact]
    public void A_catalog_body_with_a_misspelt_member_is_sent_with_a_warning_naming_the_member_meant()
    {
        // Kie accepts members it does not know and drops them (a recorded Veo body with aspectRatio ran), so the catalog
        // declares no additionalProperties false: the misspelt member is a warning naming the member meant, not a block.
        using var document = JsonDocument.Parse("""{"prompt":"p","image_urls":["https://example.com/a.png"],"sound":false,"duration":"5","imageUrls":["https://example.com/b.png"]}""");
        Assert.True(KieGenCatalog.Models["kling-2.6/image-to-video"].TryParse(document.RootElement, out _, out var findings));
        var warning = Assert.Single(findings);
        Assert.False(warning.IsError);
        Assert.Equal("imageUrls", warning.Path);
        Assert.Contains("did you mean image_urls?", warning.Message, StringComparison.Ordinal);
    }
}
