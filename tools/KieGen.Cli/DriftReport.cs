using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace KieGen.Cli;

/// <summary>A model Kie lists that the folder lacks, with the file the importer made of it.</summary>
internal sealed record NewModel(string Model, JsonObject File);

/// <summary>A model Kie lists that the folder lacks, but whose document the importer cannot turn into a file.</summary>
internal sealed record NotImportableModel(string Model, string Reason);

/// <summary>
/// A local model gone from Kie's list, and the new live model taking exactly its parameters (Kie's listing and schema
/// answers name no successor, so the same input is the evidence). <see cref="File"/> is the new model's file with the
/// old file's parameter annotations carried over.
/// </summary>
internal sealed record RenamedModel(LocalSchema From, string To, JsonObject File);

/// <summary>A local model whose file differs from what the importer makes of Kie's current document.</summary>
internal sealed record ChangedModel(LocalSchema Local, JsonObject Current, IReadOnlyList<string> Changes);

/// <summary>A model that could not be checked, and why.</summary>
internal sealed record ModelProblem(string Model, string Reason);

/// <summary>What <c>kiegen diff</c> found, each list in model id order.</summary>
internal sealed record DriftReport(
    IReadOnlyList<NewModel> New,
    IReadOnlyList<NotImportableModel> NotImportable,
    IReadOnlyList<RenamedModel> Renamed,
    IReadOnlyList<LocalSchema> Retired,
    IReadOnlyList<ChangedModel> Changed,
    IReadOnlyList<ModelProblem> Unsynced,
    IReadOnlyList<ModelProblem> Errors)
{
    /// <summary>
    /// Whether Kie changed in a way the folder can follow. New models the importer cannot import (chat models,
    /// synchronous helpers, schemas Kie has not synced) are reported but are not drift: no file can be written for
    /// them, and Kie's listing always has some, so counting them would fail every scheduled run.
    /// </summary>
    public bool HasDrift => New.Count + Renamed.Count + Retired.Count + Changed.Count > 0;

    /// <summary>The report's lines, one per finding, in a stable order: new, not importable, renamed, retired, changed.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var m in New)
        {
            yield return $"new: {m.Model}";
        }

        foreach (var m in NotImportable)
        {
            yield return $"new (not importable): {m.Model}: {m.Reason}";
        }

        foreach (var m in Renamed)
        {
            yield return $"renamed: {m.From.Model} -> {m.To}";
        }

        foreach (var m in Retired)
        {
            yield return $"retired: {m.Model}";
        }

        foreach (var m in Changed)
        {
            foreach (var change in m.Changes)
            {
                yield return $"changed: {m.Local.Model}: {change}";
            }
        }
    }

    /// <summary>The closing line: the counts, and what was written.</summary>
    public string Summary(int written)
    {
        var drift = HasDrift ? $"drift: {New.Count} new, {Renamed.Count} renamed, {Retired.Count} retired, {Changed.Count} changed" : "no drift";
        var notes = new List<string>();
        if (written > 0)
        {
            notes.Add($"{written} file(s) written");
        }

        if (NotImportable.Count > 0)
        {
            notes.Add($"{NotImportable.Count} new model(s) not importable, not counted as drift");
        }

        if (Errors.Count > 0)
        {
            notes.Add($"{Errors.Count} model(s) could not be checked");
        }

        return notes.Count == 0 ? drift : $"{drift} ({string.Join("; ", notes)})";
    }

    /// <summary>The machine-readable report (e.g. for a pull request's body); <paramref name="written"/> lists the files written.</summary>
    public JsonObject ToJson(string folder, DateTimeOffset checkedAt, IReadOnlyList<WrittenFile> written, int exitCode) => new()
    {
        ["checkedAt"] = checkedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["folder"] = folder,
        ["exitCode"] = exitCode,
        ["drift"] = HasDrift,
        ["new"] = Array(New.Select(m => new JsonObject { ["model"] = m.Model, ["category"] = m.File["category"]?.DeepClone() })),
        ["notImportable"] = Array(NotImportable.Select(m => new JsonObject { ["model"] = m.Model, ["reason"] = m.Reason })),
        ["renamed"] = Array(Renamed.Select(m => new JsonObject { ["from"] = m.From.Model, ["to"] = m.To, ["evidence"] = "same input parameters", ["file"] = m.From.Path })),
        ["retired"] = Array(Retired.Select(m => new JsonObject { ["model"] = m.Model, ["file"] = m.Path })),
        ["changed"] = Array(Changed.Select(m => new JsonObject { ["model"] = m.Local.Model, ["file"] = m.Local.Path, ["changes"] = Array(m.Changes.Select(c => (JsonNode)c)) })),
        ["unsynced"] = Array(Unsynced.Select(m => new JsonObject { ["model"] = m.Model, ["reason"] = m.Reason })),
        ["errors"] = Array(Errors.Select(m => new JsonObject { ["model"] = m.Model, ["reason"] = m.Reason })),
        ["written"] = Array(written.Select(w => new JsonObject { ["action"] = w.Action, ["path"] = w.Path })),
    };

    private static JsonArray Array(IEnumerable<JsonNode> items) => new(items.ToArray());
}
