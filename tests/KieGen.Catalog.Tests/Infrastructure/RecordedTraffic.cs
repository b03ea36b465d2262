using KieGen.Models;
using KieGen.Requests;
using KieGen.Tests.Shared;

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
        var createPaths = KieGenCatalog.Models
            .Where(e => e.Model.BodyStyle == KieBodyStyle.Flat)
            .Select(e => e.Model.CreatePath)
            .Append("/api/v1/jobs/createTask")
            .ToHashSet(StringComparer.Ordinal);
        return RecordedCorpus.All
            .Where(e => e.Method == "POST" && createPaths.Contains(e.Path))
            .Select(e => new RecordedCreate(
                e.Id,
                e.Path,
                e.RequestBody,
                e.Code == 200 && e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("taskId", out _),
                e.Code ?? 0,
                e.Message ?? "",
                e.Occurrences))
            .ToList();
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
