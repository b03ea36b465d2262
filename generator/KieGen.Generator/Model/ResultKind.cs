namespace KieGen.Generator.Model;

/// <summary>
/// What a model produces (the file's <c>result</c>). Members are named as the runtime's
/// <c>KieGen.Requests.KieResultKind</c>, whose members generated code names; a test holds the two equal.
/// </summary>
internal enum ResultKind
{
    Image,
    Video,
    Audio,
    Music,
    Text,
    Object,
}
