namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// The reference data compiled from Kie's documentation (<c>shared/kie-reference/kie-models.json</c>): one entry per
/// documented model or operation, with its parameters, constraints and request examples.
/// </summary>
public static class ReferenceModels
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-models.json"))));

    /// <summary>Families whose operations are synchronous (chat, account, upload, helper registrations): no tasks.</summary>
    public static readonly IReadOnlyDictionary<string, string> FamiliesWithoutTasks = new Dictionary<string, string>
    {
        ["chat-claude-messages"] = "synchronous chat completions",
        ["chat-openai-chat-completions"] = "synchronous chat completions",
        ["chat-openai-responses"] = "synchronous chat completions",
        ["chat-gemini-native"] = "synchronous chat completions",
        ["common"] = "account calls (credits, download URL); the runtime covers them",
        ["file-upload"] = "file uploads; the runtime covers them",
        ["gemini-omni"] = "voice/character registration helpers; no task status is documented",
    };

    /// <summary>Operations of task families that answer synchronously: they create no task.</summary>
    public static readonly IReadOnlyDictionary<string, string> OperationsWithoutTasks = new Dictionary<string, string>
    {
        ["gpt4o-image/download-url"] = "returns a signed URL directly",
        ["suno/generate-persona"] = "returns the persona directly",
        ["suno/get-timestamped-lyrics"] = "synchronous query",
        ["suno/boost-style"] = "returns the style text directly",
        ["suno/voice-check"] = "synchronous check",
        ["veo3.1/get-1080p-video"] = "a GET that answers the 1080p URL when ready; not a task",
    };

    public static IEnumerable<JsonElement> All => Document.Value.RootElement.EnumerateArray();

    /// <summary>Every documented operation that creates a generation task: what the catalog must cover.</summary>
    public static IEnumerable<JsonElement> Tasks => All.Where(e =>
        !FamiliesWithoutTasks.ContainsKey(e.GetProperty("family").GetString()!) &&
        !OperationsWithoutTasks.ContainsKey(Id(e)));

    public static JsonElement Get(string model) => All.Single(e => Id(e) == model);

    public static string Id(JsonElement entry) => entry.GetProperty("model").GetString()!;

    /// <summary>A member that may be absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
