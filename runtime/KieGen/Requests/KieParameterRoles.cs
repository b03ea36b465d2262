namespace KieGen.Requests;

/// <summary>
/// The roles a schema gives parameters with <c>x-kie-role</c> (schemas/README.md). Each role belongs to at most one
/// parameter of a model.
/// </summary>
public static class KieParameterRoles
{
    /// <summary>The text prompt.</summary>
    public const string Prompt = "prompt";

    /// <summary>What the output should not show.</summary>
    public const string NegativePrompt = "negative-prompt";

    /// <summary>Input image URL(s): a string or an array of strings.</summary>
    public const string ImageInput = "image-input";

    /// <summary>A mask image URL.</summary>
    public const string MaskInput = "mask-input";

    /// <summary>The aspect ratio (<c>16:9</c>, usually an enum).</summary>
    public const string AspectRatio = "aspect-ratio";

    /// <summary>The output size in pixels (<c>1024x1024</c>, usually an enum).</summary>
    public const string Size = "size";

    /// <summary>How many outputs to make.</summary>
    public const string Count = "count";

    /// <summary>The output file format (<c>png</c>, <c>mp3</c>).</summary>
    public const string OutputFormat = "output-format";

    /// <summary>The random seed.</summary>
    public const string Seed = "seed";

    /// <summary>The text to speak.</summary>
    public const string Text = "text";

    /// <summary>The voice to speak with.</summary>
    public const string Voice = "voice";

    /// <summary>The speech rate, 1 being normal.</summary>
    public const string Speed = "speed";

    /// <summary>Input audio URL(s).</summary>
    public const string AudioInput = "audio-input";

    /// <summary>The language (code) of the text or speech.</summary>
    public const string Language = "language";

    /// <summary>Dialogue turns, an array of <c>{speaker_id, text}</c> objects (Gemini TTS).</summary>
    public const string Dialogue = "dialogue";

    /// <summary>Speaker configurations, an array of <c>{speaker_id, voice_name, ...}</c> objects (Gemini TTS).</summary>
    public const string Speakers = "speakers";
}
