namespace KieGen.Requests;

/// <summary>
/// The Kie API family a model belongs to. The family decides the create and status endpoints,
/// the body shape and the status representation the runtime has to read.
/// </summary>
public enum KieApiFamily
{
    /// <summary>The unified Market API: <c>POST /api/v1/jobs/createTask</c> with <c>{model, callBackUrl, input}</c>.</summary>
    Market,
    /// <summary>Google Veo 3.1 (<c>/api/v1/veo/*</c>), integer <c>successFlag</c> status.</summary>
    Veo,
    /// <summary>Suno music, lyrics, WAV, stems, MIDI and music video (<c>/api/v1/generate*</c> and siblings).</summary>
    Suno,
    /// <summary>Runway video (<c>/api/v1/runway/*</c>), string <c>state</c> status.</summary>
    Runway,
    /// <summary>Runway Aleph video-to-video (<c>/api/v1/aleph/*</c>), task id at the top level of callbacks.</summary>
    Aleph,
    /// <summary>GPT-4o image (<c>/api/v1/gpt4o-image/*</c>).</summary>
    Gpt4oImage,
    /// <summary>Flux Kontext (<c>/api/v1/flux/kontext/*</c>).</summary>
    FluxKontext,
    /// <summary>Midjourney (<c>/api/v1/mj/*</c>); possibly retired by Kie.</summary>
    Midjourney,
    /// <summary>Luma modify (<c>/api/v1/modify/*</c>); possibly retired by Kie.</summary>
    Luma,
}

/// <summary>How a request's parameters are placed in the create-task body.</summary>
public enum KieBodyStyle
{
    /// <summary><c>{"model": id, "callBackUrl": url, "input": {parameters}}</c> (Market).</summary>
    Input,
    /// <summary><c>{parameters..., "callBackUrl": url}</c> (the special families).</summary>
    Flat,
}

/// <summary>What a finished task produces.</summary>
public enum KieResultKind
{
    /// <summary>One or more image URLs.</summary>
    Image,
    /// <summary>One or more video URLs.</summary>
    Video,
    /// <summary>One or more audio URLs (speech, sound effects).</summary>
    Audio,
    /// <summary>Music tracks (Suno).</summary>
    Music,
    /// <summary>Text (lyrics, transcripts).</summary>
    Text,
    /// <summary>A structured JSON object (<c>resultObject</c>).</summary>
    Object,
}
