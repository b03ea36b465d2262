using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Import;

namespace KieGen.Cli;

/// <summary>
/// Compares a schema folder with Kie's live catalog: models Kie lists that the folder lacks, local models Kie no
/// longer lists (renamed when exactly one new model takes the same parameters, else retired), and local models whose
/// file differs from what the importer makes of Kie's current document. It reads only; writing is the caller's.
/// </summary>
internal static class DriftCheck
{
    /// <summary>
    /// Runs the check. Failures that stop the whole check (no answer, a refused key, an unreadable folder) throw; a
    /// single model whose document cannot be read or converted is listed in <see cref="DriftReport.Errors"/> and the
    /// check goes on, so the report is complete.
    /// </summary>
    public static async Task<DriftReport> RunAsync(KieClient client, DirectoryInfo folder, CancellationToken ct)
    {
        var local = LocalSchemas.Read(folder);
        var listed = await client.ListModelsAsync(null, ct);
        var live = listed.Models.Select(m => m.Model).Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal);
        var unsynced = new List<ModelProblem>();
        var errors = new List<ModelProblem>();

        var gone = new List<LocalSchema>();
        var changed = new List<ChangedModel>();
        foreach (var schema in local.Checkable)
        {
            if (!live.Contains(schema.Model))
            {
                gone.Add(schema);
                continue;
            }

            var result = await TryFetchAsync(client, schema.Model, listed, errors, ct);
            if (result is { File: null })
            {
                unsynced.Add(new ModelProblem(schema.Model, result.NotImportableReason!));
            }
            else if (result?.File is { } current)
            {
                // The team's annotations are not drift: Kie's document never has them.
                SchemaAnnotations.CarryOver(schema.File, current);
                if (SchemaDiff.Compare(schema.File, current, contractOnly: true) is { Count: > 0 } changes)
                {
                    changed.Add(new ChangedModel(schema, current, changes));
                }
            }
        }

        var candidates = new List<NewModel>();
        var notImportable = new List<NotImportableModel>();
        foreach (var model in live.Where(m => !local.Known.Contains(m)).Order(StringComparer.Ordinal))
        {
            try
            {
                var result = await FetchAsync(client, model, listed, ct);
                if (result.File is null)
                {
                    notImportable.Add(new NotImportableModel(model, result.NotImportableReason!));
                }
                else
                {
                    candidates.Add(new NewModel(model, result.File));
                }
            }
            catch (KieImportException e)
            {
                notImportable.Add(new NotImportableModel(model, e.Message));
            }
            catch (Exception e) when (e is KieApiException or JsonException)
            {
                errors.Add(new ModelProblem(model, e.Message));
            }
        }

        var renamed = Renames(gone, candidates);
        return new DriftReport(
            candidates.Where(c => renamed.All(r => r.To != c.Model)).ToList(),
            notImportable,
            renamed,
            gone.Where(g => renamed.All(r => r.From != g)).ToList(),
            changed,
            unsynced,
            errors);
    }

    /// <summary>
    /// Pairs a gone model with a new one when each is the other's only match by input parameters: models that share
    /// parameters by chance (many image models take just a prompt and a size) stay retired and new rather than guessed.
    /// </summary>
    private static List<RenamedModel> Renames(List<LocalSchema> gone, List<NewModel> candidates)
    {
        var matches = gone.ToDictionary(g => g, g => candidates.Select(c => (c, File: WithAnnotationsOf(g, c.File))).Where(m => SchemaDiff.CompareInput(SchemaWording.Without(g.File), SchemaWording.Without(m.File)).Count == 0).ToList());
        return gone
            .Where(g => matches[g].Count == 1 && gone.Count(other => matches[other].Any(m => m.c == matches[g][0].c)) == 1)
            .Select(g => new RenamedModel(g, matches[g][0].c.Model, matches[g][0].File))
            .ToList();
    }

    /// <summary>The new file with the old file's parameter annotations (C# names the team chose), so user code keeps its names.</summary>
    private static JsonObject WithAnnotationsOf(LocalSchema old, JsonObject imported)
    {
        var copy = (JsonObject)imported.DeepClone();
        SchemaAnnotations.CarryOver(old.File["input"], copy["input"]);
        return copy;
    }

    private static async Task<ImportResult?> TryFetchAsync(KieClient client, string model, KieModelList listed, List<ModelProblem> errors, CancellationToken ct)
    {
        try
        {
            return await FetchAsync(client, model, listed, ct);
        }
        catch (Exception e) when (e is KieImportException or KieApiException or JsonException)
        {
            errors.Add(new ModelProblem(model, e.Message));
            return null;
        }
    }

    /// <summary>Reads one model's document and converts it as <c>kiegen import</c> does.</summary>
    public static async Task<ImportResult> FetchAsync(KieClient client, string model, KieModelList listed, CancellationToken ct)
    {
        var bytes = await client.GetModelSchemaUtf8Async(model, ct);
        if (bytes is null)
        {
            return new ImportResult(model, null, "Kie has not synced its schema yet (openapi is null)", []);
        }

        var source = new ImportSource(new Uri(client.Options.BaseAddress, "api/v1/models/" + model + "/schema").ToString(), DateTimeOffset.UtcNow, KieOpenApiImporter.Sha256(bytes));
        var types = listed.Models.FirstOrDefault(m => m.Model == model)?.TaskTypes;
        return KieOpenApiImporter.Convert(JsonNode.Parse(bytes)!, source, types);
    }
}
