namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Where the catalog knowingly departs from the reference, or a documented example from the documented schema, and
/// why. A quirk that no longer applies fails its test, so this list cannot outlive the problem it records.
/// </summary>
public static class KnownQuirks
{
    private const string FourOQuickstart =
        "Kie's own 4o Image quickstart example sends it (camelCase on the former route); the schema lacks it, so it is accepted.";

    /// <summary>Schema departures, keyed by (model, parameter path, keyword) as <see cref="Difference"/> reports them.</summary>
    public static readonly IReadOnlyDictionary<(string Model, string Path, string Keyword), string> Schema =
        new Dictionary<(string, string, string), string>
        {
            [("ai-music-api/sounds", "sound_key", "enum")] = "Kie documents \"Any\" as the default but leaves it out of the enum; Kie's own default must be accepted.",
            [("bytedance/seedance-2-mini", "return_last_frame", "extra")] = "Not in Kie's schema, but its documented example sends it.",
            [("grok-imagine/extend", "extend_times", "type")] = "Kie's schema says number, its documented example sends the string \"6\".",
            [("elevenlabs/text-to-speech-turbo-2-5", "voice", "enum")] =
                "Kie's schema lists voice ids, but its documented example sends the voice name \"Rachel\".",
            [("elevenlabs/text-to-speech-multilingual-v2", "voice", "enum")] =
                "Kie's schema lists voice ids, but its documented example sends the voice name \"Rachel\".",
            [("kling-3.0-omni/image-to-video", "image_urls", "maxItems")] =
                "The reference keeps the first shape's limit (1); the first-and-last-frames shape takes 2, as the second example does (each branch keeps its own count).",
            [("veo-3-1", "model", "extra")] =
                "The Veo tier (veo3_fast, veo3, veo3_lite) is not in the page's schema, but Kie's generate-media guide and live calls send it in input.",
            [("kling-3.0-omni/reference-to-video", "aspect_ratio", "enum")] =
                "The Video Input Only shape takes \"auto\" (Kie's August schema and its example); the October extract kept only the other shapes' values.",
            [("4o-image-api", "is_enhance", "extra")] = FourOQuickstart,
            [("4o-image-api", "upload_cn", "extra")] = FourOQuickstart,
            [("4o-image-api", "enable_fallback", "extra")] = FourOQuickstart,
            [("4o-image-api", "fallback_model", "extra")] = FourOQuickstart,
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
}
