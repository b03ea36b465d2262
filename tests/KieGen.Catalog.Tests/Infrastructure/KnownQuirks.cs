namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Where the catalog knowingly departs from the reference, or a documented example from the documented schema, and
/// why. A quirk that no longer applies fails its test, so this list cannot outlive the problem it records.
/// </summary>
public static class KnownQuirks
{
    private const string Recorded = "Kie's recorded traffic (tests/Reference/kie-recorded-2026-03-04.json)";

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
            [("kling-3.0-omni/transformation", "aspect_ratio", "enum")] =
                "The October extract kept only the video-only shape's \"auto\"; Kie's August schema lists 16:9, 9:16, 1:1 and auto, and its image example sends \"16:9\" (the video-only branch keeps \"auto\").",
            [("kling-3.0/video", "multi_prompt", "required")] =
                "Takes effect only when multi_shots is true (its description), so it is required when multi_shots is true (a condition); " + Recorded + " has Kie accept multi_shots false without it (#453, #460).",
            [("kling-3.0/video", "aspect_ratio", "required")] =
                "Its description: optional when image_urls gives the frames; required unless image_urls is present (a condition).",
            [("pixverse-v6/image-to-video", "duration", "required")] =
                "Its description: required when template_id is not passed (a template fixes the duration).",
            [("ai-music-api/mashup", "style", "required")] = "Its description: only available and required in Custom Mode (custom_mode true), a condition.",
            [("ai-music-api/mashup", "title", "required")] = "Its description: only available and required in Custom Mode (custom_mode true), a condition.",
            [("ai-music-api/separate-vocals", "stem_name", "required")] =
                "Kie's August page: only used with type split_stem_advanced, and Kie's documented example (type separate_vocal) omits it; required when type is split_stem_advanced (a condition).",
            [("ai-music-api/upload-and-cover-audio", "prompt", "required")] =
                "Its description: in Custom Mode required only when instrumental is false; Kie's docs registry does not require it.",
            [("ai-music-api/upload-and-extend-audio", "continue_at", "required")] =
                "Its description: required when default_param_flag is true (a condition); Kie's docs registry does not require it.",
            [("grok-imagine/text-to-video", "duration", "type")] =
                "Kie's schema says number; " + Recorded + " has Kie accept the string \"6\" 15 times (#18, #33).",
            [("4o-image-api", "is_enhance", "extra")] = FourOQuickstart,
            [("4o-image-api", "upload_cn", "extra")] = FourOQuickstart,
            [("4o-image-api", "enable_fallback", "extra")] = FourOQuickstart,
            [("4o-image-api", "fallback_model", "extra")] = FourOQuickstart,
        };

    /// <summary>Models whose callback requirement departs from the reference's <c>topLevel.callBackUrl.required</c>, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> Callbacks =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kling-3.0/motion-control"] =
                "The reference marks callBackUrl required; " + Recorded + " has Kie create 14 tasks without it (#23), so it is optional.",
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
