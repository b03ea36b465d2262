namespace KieGen.Generator.Model;

/// <summary>
/// The Kie API family a model belongs to (the file's <c>family</c>). Members are named as the runtime's
/// <c>KieGen.Requests.KieApiFamily</c>, whose members generated code names; a test holds the two equal.
/// </summary>
internal enum ApiFamily
{
    Market,
    Veo,
    Suno,
    Runway,
    Aleph,
    Gpt4oImage,
    FluxKontext,
    Midjourney,
    Luma,
}
