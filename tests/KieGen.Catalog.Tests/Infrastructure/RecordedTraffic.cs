using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Kie's recorded traffic (<c>tests/Reference/kie-recorded-2026-03-04.json</c>, copied beside the tests): real
/// exchanges with api.kie.ai, each with Kie's verdict. Only the create calls are read here: a create answered code 200
/// with a task id is a body Kie accepted; any other code is Kie's rejection, with its message.
/// </summary>
public static class RecordedTraffic
{
    /// <summary>Kie's answers that say nothing about the body: its own failures, and tasks that do not exist.</summary>
    private static readonly string[] NotAboutTheInput = ["Server exception", "Record does not exist"];

    private static readonly Lazy<IReadOnlyList<RecordedCreate>> AllCreates = new(Load);

    /// <summary>Every recorded create: Market <c>jobs/createTask</c> and the special families' create routes.</summary>
    public static IReadOnlyList<RecordedCreate> Creates => AllCreates.Value;

    public static RecordedCreate Get(int id) => Creates.Single(c => c.Id == id);

    private static List<RecordedCreate> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-recorded-2026-03-04.json")));
        var createPaths = KieGenCatalog.Models
            .Where(e => e.Model.BodyStyle == KieBodyStyle.Flat)
            .Select(e => e.Model.CreatePath)
            .Append("/api/v1/jobs/createTask")
            .ToHashSet(StringComparer.Ordinal);
        var creates = new List<RecordedCreate>();
        foreach (var exchange in document.RootElement.EnumerateArray())
        {
            var path = exchange.GetProperty("url").GetString()!.Split('?')[0];
            if (exchange.GetProperty("method").GetString() != "POST" || !createPaths.Contains(path))
            {
                continue;
            }

            var body = exchange.GetProperty("requestBody").Clone();
            var response = exchange.GetProperty("responseBody");
            var code = response.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
            var message = response.TryGetProperty("msg", out var m) ? m.GetString() : response.TryGetProperty("message", out m) ? m.GetString() : null;
            var accepted = code == 200 && response.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("taskId", out _);
            creates.Add(new RecordedCreate(
                exchange.GetProperty("id").GetInt32(),
                path,
                body,
                accepted,
                code,
                message ?? "",
                exchange.GetProperty("occurrences").GetInt32()));
        }

        return creates;
    }

    /// <summary>Whether Kie's rejection says something about the body (rather than about Kie or a task id).</summary>
    public static bool IsAboutTheInput(RecordedCreate create) =>
        !create.Accepted && !NotAboutTheInput.Any(text => create.Message.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One recorded create: the body sent and Kie's verdict.</summary>
public sealed record RecordedCreate(int Id, string Path, JsonElement Body, bool Accepted, int Code, string Message, int Occurrences)
{
    /// <summary>The model id of a Market body; for the special families, the one catalog model of the create route.</summary>
    public string? ModelId => Path == "/api/v1/jobs/createTask"
        ? Body.TryGetProperty("model", out var model) ? model.GetString() : null
        : KieGenCatalog.Models
            .Where(e => e.Model.CreatePath == Path && e.Model.BodyStyle == KieBodyStyle.Flat)
            .Select(e => e.Model.ModelId)
            .SingleOrDefault();

    /// <summary>What KieGen says of the body before sending: parse and validation errors, and a missing required callback.</summary>
    public IReadOnlyList<string> KieGenVerdict(KieCatalogEntry entry, out IKieRequest? request)
    {
        var problems = new List<string>();
        if (!entry.TryParseBody(Body, out request, out var errors))
        {
            problems.AddRange(errors.Select(e => e.ToString()));
        }
        else
        {
            problems.AddRange(request.Validate().Select(e => e.ToString()));
        }

        if (entry.Model.CallbackRequired && !Body.TryGetProperty(entry.Model.CallbackField, out _))
        {
            problems.Add($"{entry.Model.CallbackField}: required by the catalog (SubmitAsync refuses to send without it)");
        }

        return problems;
    }

    public override string ToString() => $"#{Id} {ModelId ?? Path}";
}
