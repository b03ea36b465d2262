namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Schema files of models that Kie's October 2026 reference (<c>kie-models-2026-10.json</c>) does not have, written by
/// hand from Kie's own pages and the recorded traffic (issue 26). The reference cannot check them, so each says where
/// its parameters come from; <c>ModelsSinceReferenceTests</c> fails when one of them reaches the reference (then it
/// belongs to <c>convert.py</c>) or loses its file.
/// </summary>
public static class ModelsSinceReference
{
    public static readonly IReadOnlyDictionary<string, string> Models = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["elevenlabs/sound-effect-v2"] =
            "Seen in the recorded traffic (2026-04) and on Kie's docs page, whose OpenAPI block gives every parameter; absent from the October reference.",
        ["elevenlabs/speech-to-text"] =
            "Seen in the recorded traffic (2026-04) and as the createTask example of Kie's docs page; its OpenAPI block was not found, so only the example's members are declared.",
    };
}
