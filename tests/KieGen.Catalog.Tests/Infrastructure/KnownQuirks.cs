namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Where the catalog knowingly departs from the reference, or a documented example from the documented schema, and
/// why. A quirk that no longer applies fails its test, so this list cannot outlive the problem it records.
/// </summary>
public static class KnownQuirks
{
    /// <summary>Schema departures, keyed by (model, parameter path, keyword) as <see cref="Difference"/> reports them.</summary>
    public static readonly IReadOnlyDictionary<(string Model, string Path, string Keyword), string> Schema =
        new Dictionary<(string, string, string), string>
        {
            [("runway/generate", "duration", "type")] =
                "Kie's schema types duration as a number, but its documented example sends the string \"5\": the form Kie demonstrably accepts is used.",
            [("runway/generate", "duration", "enum")] = "The page's text allows 5 or 10 seconds only.",
            [("runway/generate", "quality", "enum")] = "The page's text allows 720p or 1080p only.",
            [("runway/extend", "quality", "enum")] = "The page's text allows 720p or 1080p only.",
            [("suno/generate-sounds", "soundKey", "enum")] = "Kie documents \"Any\" as the default but leaves it out of the enum; Kie's own default must be accepted.",
            [("suno/vocal-removal", "stemName", "required")] =
                "Kie's schema marks stemName required, but its description limits it to type split_stem_advanced and the documented example omits it.",
            [("veo3.1/generate", "enableTranslation", "default")] =
                "The schema's default is false while the description says true; no default is assumed, so Kie's own applies.",
            [("bytedance/seedance-2-mini", "return_last_frame", "extra")] = "Not in Kie's schema, but its documented example sends it.",
            [("wan/2-6-text-to-video", "nsfw_checker", "extra")] = "Not in Kie's schema, but its documented example sends it.",
            [("veo3.1/generate", "seeds", "extra")] = "Not in Kie's schema for generate, but its documented example sends it (range as on extend).",
            [("grok-imagine/extend", "extend_times", "type")] = "Kie's schema says number, its documented example sends the string \"6\".",
            [("grok-imagine/text-to-video", "duration", "type")] = "Kie's schema says number, its documented example sends the string \"6\".",
            [("elevenlabs/text-to-speech-turbo-2-5", "voice", "enum")] =
                "Kie's schema lists voice ids, but its documented example sends the voice name \"Rachel\".",
            [("elevenlabs/text-to-speech-multilingual-v2", "voice", "enum")] =
                "Kie's schema lists voice ids, but its documented example sends the voice name \"Rachel\".",
            [("kling-3.0-omni/image-to-video", "image_urls", "maxItems")] =
                "The reference keeps the first variant's limit (1); the first-and-last-frames variant takes 2, as the second example does.",
        };

    /// <summary>Operations whose status endpoint the docs do not state; the schema file assumes one.</summary>
    public static readonly IReadOnlyDictionary<string, string> AssumedStatusEndpoints = new Dictionary<string, string>
    {
        ["suno/generate-sounds"] = "No status endpoint is documented; the Suno music record-info endpoint is assumed.",
    };

    /// <summary>Operations whose callback field the reference marks required but the catalog does not.</summary>
    public static readonly IReadOnlyDictionary<string, string> OptionalCallbacks = new Dictionary<string, string>
    {
        ["suno/voice-regenerate-phrase"] = "Kie's schema marks calBackUrl required, but its documented example omits it.",
    };

    /// <summary>Example keys with stray whitespace in the docs, and the key the schema uses instead.</summary>
    public static readonly IReadOnlyDictionary<(string Model, string DocKey), string> ExampleKeys =
        new Dictionary<(string, string), string>
        {
            [("happyhorse/video-edit", "reference_image ")] = "reference_image",
        };

    /// <summary>Examples printed on one model's page that call another model; they are checked against the model they name.</summary>
    public static readonly IReadOnlyDictionary<(string Model, int Index), string> ExamplesOfOtherModels =
        new Dictionary<(string, int), string>
        {
            [("grok-imagine/extend", 1)] = "grok-imagine/upscale",
        };

    /// <summary>Documented examples that are not valid JSON at all; nothing can be checked.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnreadableExamples = new Dictionary<string, string>
    {
        ["kling/v2-5-turbo-image-to-video-pro"] = "The documented example has a stray word inside its input object (\"input\": {image ...).",
    };

    /// <summary>Documented examples with a trailing comma: read leniently, then checked like any other.</summary>
    public static readonly IReadOnlyDictionary<string, string> TrailingCommaExamples = new Dictionary<string, string>
    {
        ["bytedance/seedance-2-5"] = "The documented example ends its input object with a trailing comma.",
    };
}
